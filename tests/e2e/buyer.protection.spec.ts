import { devices, expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible } from "./a11y-support";
import { buyerPaysOneItemAt, openSellerStore, png, signInWithPassword, signOut } from "./support";

// Purchase protection, end to end: after-sale requests answered by the seller, refunds
// settled by WeChat Pay's (sandbox) notifications, and a complaint settled by an admin.
test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

async function buyerPage(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext({ ...devices["Pixel 7"], locale: "en-US" });
  const page = await ctx.newPage();
  await page.goto("/signin?callbackUrl=%2Forders");
  await page.getByRole("button", { name: "Sign in with WeChat" }).click();
  await page.getByRole("radio", { name: /小王 Demo Buyer/ }).check();
  await page.getByRole("button", { name: /Allow/ }).click();
  await expect(page).toHaveURL(/\/orders$/);
  return page;
}

async function sellerPage(browser: Browser): Promise<{ page: Page; store: string }> {
  const ctx = await browser.newContext({ ...devices["Desktop Chrome"], locale: "en-US" });
  const page = await ctx.newPage();
  await signInWithPassword(page, "tea@littlestore.test");
  return { page, store: await openSellerStore(page, /西湖茶舍/) };
}

/** The buyer opens a request on their order; answers the case number and the case page. */
async function openRequest(buyer: Page, orderPath: string, opts: { type: "Refund only" | "Return and refund"; reason: string; amount?: string }) {
  await buyer.goto(orderPath);
  await buyer.getByRole("link", { name: "Apply for after-sale" }).click();
  await buyer.getByRole("radio", { name: new RegExp(`^${opts.type}`) }).check();
  await buyer.getByLabel("Reason").selectOption({ label: opts.reason });
  if (opts.amount) await buyer.getByLabel("Refund amount").fill(opts.amount);
  await buyer.getByLabel("Description").fill("端到端测试：说明问题");
  await buyer.getByRole("button", { name: "Submit request" }).click();
  await expect(buyer).toHaveURL(/\/cases\/\w+$/);
  await buyer.waitForLoadState("networkidle");
  const caseNo = (await buyer.getByText(/^Case AS\d+/).first().textContent())!.match(/AS\d+/)![0];
  await expect(buyer.getByText("In after-sale").or(buyer.getByText("Waiting for the seller")).first()).toBeVisible();
  return { caseNo, casePath: new URL(buyer.url()).pathname };
}

async function openSellerCase(seller: Page, store: string, caseNo: string) {
  await seller.goto(`${store}/cases?tab=all`);
  await seller.getByRole("link", { name: caseNo }).click();
  await expect(seller.getByText(caseNo).first()).toBeVisible();
  await seller.waitForLoadState("networkidle"); // hydrated: typed values stay typed
}

/** Reloads until the text shows (a refund settles when the sandbox's notification arrives). */
async function waitForText(page: Page, text: string | RegExp) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(text).first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000, intervals: [1_000, 2_000] });
}

test("refund only: the seller accepts and the refund is settled by WeChat Pay's notification", async ({ browser }) => {
  const { orderPath } = await buyerPaysOneItemAt(browser, { slug: "west-lake-tea", query: "明前西湖龙井", option: "50g 罐装" });
  const buyer = await buyerPage(browser);
  const { caseNo, casePath } = await openRequest(buyer, orderPath, { type: "Refund only", reason: "Not received" });

  const { page: seller, store } = await sellerPage(browser);
  await openSellerCase(seller, store, caseNo);
  await seller.getByRole("button", { name: /^Accept and refund ¥/ }).click();
  await seller.getByRole("button", { name: "Refund now" }).click();
  await expect(seller.getByText(/Refund in progress|Refunded/).first()).toBeVisible();

  await buyer.goto(casePath);
  await waitForText(buyer, "Refunded");
  await buyer.goto(orderPath);
  await expect(buyer.getByText(/Closed|refunded in full/i).first()).toBeVisible();
});

test("return and refund: the buyer ships it back, the seller confirms receipt, the refund settles", async ({ browser }) => {
  const { orderPath } = await buyerPaysOneItemAt(browser, { slug: "west-lake-tea", query: "明前西湖龙井", option: "50g 罐装" });
  const { page: seller, store } = await sellerPage(browser);
  // Returns need the order shipped first.
  const orderId = orderPath.split("/").pop()!;
  await seller.goto(`${store}/orders/${orderId}`);
  await seller.getByLabel("Carrier").selectOption("SF");
  await seller.getByLabel("Tracking number").fill("SF5555555555555");
  await seller.getByRole("button", { name: "Mark as shipped" }).click();
  await expect(seller.getByText("SF5555555555555", { exact: true })).toBeVisible();

  const buyer = await buyerPage(browser);
  const { caseNo, casePath } = await openRequest(buyer, orderPath, { type: "Return and refund", reason: "Quality problem" });

  await openSellerCase(seller, store, caseNo);
  const recipient = seller.getByLabel("Recipient");
  if (await recipient.count()) {
    await recipient.fill("林掌柜");
    await seller.getByLabel("Phone").fill("13812345678");
    await seller.getByLabel("Return address").fill("浙江省杭州市西湖区龙井路 1 号");
  }
  await seller.getByRole("button", { name: "Accept return" }).click();
  await expect(seller.getByText("Waiting for the return").first()).toBeVisible();

  await buyer.goto(casePath);
  await expect(buyer.getByText("Waiting for the return").first()).toBeVisible();
  await buyer.waitForLoadState("networkidle");
  await buyer.getByLabel("Carrier").selectOption("ZTO");
  await buyer.getByLabel("Tracking number").fill("ZT1111222233");
  await buyer.getByRole("button", { name: "I have shipped it" }).click();
  await expect(buyer.getByText("Return on its way").first()).toBeVisible();

  await seller.reload();
  await seller.getByRole("button", { name: "Confirm return received" }).click();
  await seller.getByRole("button", { name: "Confirm and refund" }).click();
  await expect(seller.getByText(/Refund in progress|Refunded/).first()).toBeVisible();
  await buyer.goto(casePath);
  await waitForText(buyer, "Refunded");
});

test("rejected, escalated, evidence requested and sent, settled by an admin with a partial refund", async ({ browser }) => {
  const { orderPath } = await buyerPaysOneItemAt(browser, { slug: "west-lake-tea", query: "明前西湖龙井", option: "50g 罐装" });
  const buyer = await buyerPage(browser);
  const { caseNo, casePath } = await openRequest(buyer, orderPath, { type: "Refund only", reason: "Not as described" });

  const { page: seller, store } = await sellerPage(browser);
  await openSellerCase(seller, store, caseNo);
  await expectAccessible(seller, "seller case page");
  // An empty reason is refused before anything is asked; a rejection is confirmed first.
  await seller.getByRole("button", { name: "Reject request" }).click();
  await expect(seller.getByText("Give a reason (at least 2 characters).")).toBeVisible();
  await expect(seller.getByRole("alertdialog")).toHaveCount(0);
  await seller.getByLabel("Reason for rejecting").fill("商品与描述一致，详情页已注明。");
  await seller.getByRole("button", { name: "Reject request" }).click();
  await expect(seller.getByRole("alertdialog", { name: "Reject this request?" })).toBeVisible();
  await seller.getByRole("button", { name: "Yes, reject" }).click();
  await expect(seller.getByText("Rejected by the seller").first()).toBeVisible();

  await buyer.goto(casePath);
  await buyer.waitForLoadState("networkidle");
  await buyer.getByLabel("Your statement").fill("颜色与图片明显不同。");
  await buyer.getByRole("button", { name: "Complain to the platform" }).click();
  await expect(buyer.getByText("With the platform").first()).toBeVisible();
  await expectAccessible(buyer, "buyer's complaint page");
  const complaintNo = (await buyer.getByText(/CP\d+/).first().textContent())!.match(/CP\d+/)![0];

  const deskCtx = await browser.newContext({ ...devices["Desktop Chrome"], locale: "en-US" });
  const admin = await deskCtx.newPage();
  await signInWithPassword(admin, "admin@littlestore.test");
  await admin.goto("/admin/complaints");
  await admin.getByRole("link", { name: complaintNo }).click();
  await expect(admin.getByText(caseNo).first()).toBeVisible();
  await admin.waitForLoadState("networkidle");
  await expectAccessible(admin, "admin complaint page");
  await admin.getByRole("combobox", { name: "Ask" }).selectOption({ label: "Buyer" });
  // Refused (no note): the party chosen stays chosen.
  await admin.getByRole("button", { name: "Request evidence" }).click();
  await expect(admin.getByLabel("What you need")).toHaveAttribute("aria-invalid", "true");
  await expect(admin.getByRole("combobox", { name: "Ask" })).toHaveValue("BUYER");
  await admin.getByLabel("What you need").fill("请提供收到商品的照片。");
  await admin.getByRole("button", { name: "Request evidence" }).click();
  await expect(admin.getByText("Evidence requested").first()).toBeVisible();
  const complaintPath = new URL(admin.url()).pathname;

  await buyer.goto(casePath);
  await buyer.waitForLoadState("networkidle");
  await buyer.getByLabel("What you want the platform to know").fill("照片如下，颜色偏差明显。");
  await buyer.getByRole("button", { name: "Evidence photos: add photos" }).setInputFiles({ name: "proof.png", mimeType: "image/png", buffer: await png("#aa3355", 400) });
  await expect(buyer.getByRole("img", { name: /1/ }).first()).toBeVisible();
  await buyer.getByRole("button", { name: "Send evidence" }).click();
  await expect(buyer.getByText("Complaint open").first()).toBeVisible();

  await admin.goto(complaintPath);
  await admin.waitForLoadState("networkidle");
  await admin.getByRole("radio", { name: "Partial refund" }).check();
  await admin.getByLabel("Refund amount (yuan)").fill("20.00");
  // No reason yet: said at once, before any confirmation.
  await admin.getByRole("button", { name: "Settle complaint" }).click();
  await expect(admin.getByText("Write the reason for the decision (at least 5 characters).")).toBeVisible();
  await expect(admin.getByRole("alertdialog")).toHaveCount(0);
  await admin.getByLabel("Reason for the decision").fill("商品有色差但可用，部分退款。");
  await admin.getByRole("button", { name: "Settle complaint" }).click();
  await admin.getByRole("button", { name: "Confirm decision" }).click();
  await expect(admin.getByText("Decided").first()).toBeVisible();
  // The audit log names the decision in words and the complaint by its number, with a link.
  await admin.goto("/admin/audit");
  const settledRow = admin.getByRole("row").filter({ hasText: "Settled a complaint" }).filter({ hasText: complaintNo });
  await expect(settledRow.first()).toBeVisible();
  await expect(settledRow.first().getByRole("link", { name: complaintNo })).toHaveAttribute("href", complaintPath);
  await expect(admin.getByRole("row").filter({ hasText: "Asked for evidence" }).filter({ hasText: complaintNo }).first()).toBeVisible();
  await expect(admin.getByText(/Complaint:|\{"/)).toHaveCount(0);

  await buyer.goto(casePath);
  await expect(buyer.getByText("商品有色差但可用，部分退款。").first()).toBeVisible();
  await waitForText(buyer, "Refunded");
  await expect(buyer.getByText("¥20.00").first()).toBeVisible();
  await signOut(admin);
});
