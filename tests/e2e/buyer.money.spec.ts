import { devices, expect, test, type Browser, type Page } from "@playwright/test";
import { createDatabase, freePort, startApp, tmpDir } from "./fault-support";
import { buyerPaysOneItemAt, openSellerStore, signInWithPassword } from "./support";

// Money reaches the right store: a buyer on a phone pays two stores' orders; each payment is
// frozen in its own store's sub-merchant account (the sandbox inspector shows it); the orders
// are received and the after-sale window passes (seconds long in this app); the platform's fee
// is shared and the rest unfrozen; each seller's funds page shows the settled net. An order
// refunded in full in a case before settlement is taken from the held money, fee zero.
test.setTimeout(300_000);

const TEA_MCH = "1900000101";
const CRAFT_MCH = "1900000102";

async function sellerAt(browser: Browser, baseURL: string, email: string, store: RegExp): Promise<{ page: Page; store: string }> {
  const ctx = await browser.newContext({ ...devices["Desktop Chrome"], locale: "en-US", baseURL });
  const page = await ctx.newPage();
  await signInWithPassword(page, email);
  return { page, store: await openSellerStore(page, store) };
}

async function ship(seller: Page, store: string, orderId: string) {
  await seller.goto(`${store}/orders/${orderId}`);
  await seller.getByLabel("Carrier").selectOption("SF");
  await seller.getByLabel("Tracking number").fill("SF1234567890123");
  await seller.getByRole("button", { name: "Mark as shipped" }).click();
  await expect(seller.getByText("SF1234567890123", { exact: true })).toBeVisible();
}

async function confirmReceipt(buyer: Page, orderPath: string) {
  await buyer.goto(orderPath);
  await buyer.getByRole("button", { name: "Confirm receipt" }).click();
  await buyer.getByRole("button", { name: "Yes, received" }).click();
  await expect(buyer.getByText("Completed").first()).toBeVisible();
}

const yuan = (s: string | null) => Math.round(Number((s ?? "").replace(/[^\d.]/g, "")) * 100);

test("two stores' payments are frozen in their own accounts, then the fee is shared and the rest settled to each", async ({ browser }) => {
  const db = await createDatabase("money");
  const app = await startApp({
    databaseUrl: db.url,
    port: await freePort(),
    dataDir: tmpDir("money"),
    // The after-sale window: 20 seconds; the sandbox's shares and refunds finish at once.
    env: { SEED_DEMO: "true", PROTECTION_AFTER_SALE_DAYS: String(20 / 86_400), WECHATPAY_SANDBOX_TIME_SCALE: "0.01" },
  });
  try {
    const tea = await buyerPaysOneItemAt(browser, { slug: "west-lake-tea", query: "明前西湖龙井", option: "50g 罐装", baseURL: app.url });
    const craft = await buyerPaysOneItemAt(browser, { slug: "su-embroidery", query: "刺绣书签三件套", baseURL: app.url });
    const refunded = await buyerPaysOneItemAt(browser, { slug: "west-lake-tea", query: "明前西湖龙井", option: "50g 罐装", baseURL: app.url });

    // The inspector: each payment is in its own store's sub-merchant account, frozen.
    const inspectorCtx = await browser.newContext({ ...devices["Desktop Chrome"], locale: "en-US", baseURL: app.url });
    const inspector = await inspectorCtx.newPage();
    await inspector.goto("/sandbox/wechatpay");
    const frozen = async (mch: string) => yuan(await inspector.locator(`[data-frozen="${mch}"]`).textContent());
    expect(await frozen(TEA_MCH)).toBeGreaterThan(0);
    expect(await frozen(CRAFT_MCH)).toBeGreaterThan(0);

    // The buyer's phone.
    const phone = await browser.newContext({ ...devices["Pixel 7"], locale: "en-US", baseURL: app.url });
    const buyer = await phone.newPage();
    await buyer.goto("/signin?callbackUrl=%2Forders");
    await buyer.getByRole("button", { name: "Sign in with WeChat" }).click();
    await buyer.getByRole("radio", { name: /小王 Demo Buyer/ }).check();
    await buyer.getByRole("button", { name: /Allow/ }).click();
    await expect(buyer).toHaveURL(/\/orders$/);

    // One tea order is refunded in full in an after-sale case, before anything is settled.
    await buyer.goto(refunded.orderPath);
    await buyer.getByRole("link", { name: "Apply for after-sale" }).click();
    await buyer.getByRole("radio", { name: /^Refund only/ }).check();
    await buyer.getByLabel("Reason").selectOption({ label: "Not received" });
    await buyer.getByLabel("Description").fill("不想要了");
    await buyer.getByRole("button", { name: "Submit request" }).click();
    await expect(buyer).toHaveURL(/\/cases\/\w+$/);
    const caseNo = (await buyer.getByText(/^Case AS\d+/).first().textContent())!.match(/AS\d+/)![0];

    const teaSeller = await sellerAt(browser, app.url, "tea@littlestore.test", /西湖茶舍/);
    await teaSeller.page.goto(`${teaSeller.store}/cases?tab=all`);
    await teaSeller.page.getByRole("link", { name: caseNo }).click();
    await teaSeller.page.waitForLoadState("networkidle");
    await teaSeller.page.getByRole("button", { name: /^Accept and refund ¥/ }).click();
    await teaSeller.page.getByRole("button", { name: "Refund now" }).click();
    await expect(teaSeller.page.getByText(/Refund in progress|Refunded/).first()).toBeVisible();

    // The other two are shipped and received; the window starts.
    await ship(teaSeller.page, teaSeller.store, tea.orderPath.split("/").pop()!);
    const craftSeller = await sellerAt(browser, app.url, "craft@littlestore.test", /苏绣坊/);
    await ship(craftSeller.page, craftSeller.store, craft.orderPath.split("/").pop()!);
    await confirmReceipt(buyer, tea.orderPath);
    await confirmReceipt(buyer, craft.orderPath);

    // Held until the window closes, then settled (the settlement jobs run on their own).
    await teaSeller.page.goto(`${teaSeller.store}/funds`);
    await expect(teaSeller.page.locator(`[data-order-no="${tea.orderNo}"]`).getByText("Held", { exact: true })).toBeVisible();
    for (const [s, order] of [
      [teaSeller, tea],
      [craftSeller, craft],
    ] as const) {
      await expect(async () => {
        await s.page.goto(`${s.store}/funds`);
        await expect(s.page.locator(`[data-order-no="${order.orderNo}"]`).getByText("Settled", { exact: true })).toBeVisible({ timeout: 2_000 });
      }).toPass({ timeout: 120_000, intervals: [3_000] });
      const cells = s.page.locator(`[data-order-no="${order.orderNo}"] td`);
      const paid = yuan(await cells.nth(1).textContent());
      const fee = yuan(await cells.nth(3).textContent());
      const net = yuan(await cells.nth(4).textContent());
      expect(fee).toBe(Math.round(paid / 100)); // 1% of what the store kept
      expect(net).toBe(paid - fee);
      expect(yuan(await s.page.locator('[data-total="settled"]').textContent())).toBe(net);
    }
    // The refunded order: taken from the held money, no fee.
    const refundedRow = teaSeller.page.locator(`[data-order-no="${refunded.orderNo}"]`);
    await expect(refundedRow.getByText("Refunded in full")).toBeVisible();
    expect(yuan(await refundedRow.locator("td").nth(3).textContent())).toBe(0);

    // The sandbox's books: nothing frozen for the settled orders' stores but what is still held; the platform got its fees.
    await inspector.reload();
    expect(await frozen(CRAFT_MCH)).toBe(0);
    expect(await frozen(TEA_MCH)).toBe(0);
    expect(yuan(await inspector.locator(`[data-shared="${TEA_MCH}"]`).textContent())).toBeGreaterThan(0);
    await inspectorCtx.close();
    await phone.close();
  } finally {
    await app.kill("SIGTERM");
    await db.drop();
  }
});
