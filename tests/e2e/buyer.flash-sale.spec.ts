import { devices, expect, test } from "@playwright/test";
import { fillAddressIfFirstOrder, openSellerStore, signInWithPassword, unique } from "./support";

// A seller schedules a flash sale on one SKU (a price above its own is refused, with what was
// typed kept) and a 满减 coupon; a buyer on a phone sees the sale price, the normal one struck
// through and the countdown, claims the coupon and pays the sale price less the coupon; a
// refund-only case refunds what the buyer paid for the line; the seller's list and dashboard
// show what the promotions cost.
test.setTimeout(120_000);
test("a seller's flash sale and coupon are paid by a phone buyer at the apportioned total, refunded at it, and costed on the dashboard", async ({ page, browser }) => {
  const name = `限时 ${unique()}`;
  const couponName = `满500减50 ${unique()}`;
  const desk = await browser.newContext({ ...devices["Desktop Chrome"], locale: "en-US" });
  const seller = await desk.newPage();
  await signInWithPassword(seller, "craft@littlestore.test");
  const store = await openSellerStore(seller, /苏绣坊/);
  await seller.goto(`${store}/flash-sales`);
  await seller.getByLabel("Items").selectOption({ label: "苏绣团扇 · 手工真丝" });
  await seller.getByRole("button", { name: "Show their SKUs" }).click();
  await seller.getByLabel("Sale name").fill(name);
  // Only 荷花 (¥680) in the sale.
  await seller.getByRole("checkbox", { name: "锦鲤" }).uncheck();
  await seller.getByRole("checkbox", { name: "牡丹" }).uncheck();
  await seller.getByLabel("Sale price of 荷花", { exact: true }).fill("700");
  await seller.getByRole("button", { name: "Schedule sale" }).click();
  await expect(seller.getByText("The sale price must be below the SKU's own price.")).toBeVisible();
  await expect(seller.getByLabel("Sale name")).toHaveValue(name);
  await expect(seller.getByRole("checkbox", { name: "锦鲤" })).not.toBeChecked();
  await seller.getByLabel("Sale price of 荷花", { exact: true }).fill("599");
  await seller.getByRole("button", { name: "Schedule sale" }).click();
  await expect(seller.getByText("Sale scheduled.")).toBeVisible();
  const row = seller.getByRole("row", { name: new RegExp(name) });
  await expect(row.getByText("Running")).toBeVisible();
  // A coupon over ¥500: at the sale price the fan (¥599) still reaches it.
  await seller.goto(`${store}/coupons`);
  await seller.getByLabel("Name").fill(couponName);
  await seller.getByLabel("Amount off (¥)").fill("50");
  await seller.getByLabel("Minimum spend (¥)").fill("500");
  await seller.getByRole("button", { name: "New coupon" }).click();
  await expect(seller.getByText("Coupon created.")).toBeVisible();

  // The buyer: the item's card and page show the sale.
  await page.goto("/signin?callbackUrl=%2Fs%2Fsu-embroidery");
  await page.getByRole("button", { name: "Sign in with WeChat" }).click();
  await page.getByRole("radio", { name: /小王 Demo Buyer/ }).check();
  await page.getByRole("button", { name: /Allow/ }).click();
  await expect(page).toHaveURL(/\/s\/su-embroidery$/);
  await page.goto("/s/su-embroidery/search?q=" + encodeURIComponent("团扇"));
  const card = page.getByRole("link", { name: /苏绣团扇/ }).first();
  await expect(card.getByText("Flash sale")).toBeVisible();
  await expect(card.getByText("¥599.00")).toBeVisible();
  await card.click();
  const banner = page.getByRole("status").filter({ hasText: name });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/Ends in \d+:\d\d:\d\d/);
  const strip = page.getByRole("region", { name: "Coupons" });
  const coupon = strip.getByRole("listitem").filter({ hasText: couponName });
  await coupon.getByRole("button", { name: /Claim ¥50.00 off orders over ¥500.00/ }).click();
  await expect(coupon.getByRole("status")).toHaveText("Claimed");
  const options = page.getByRole("region", { name: "Options" });
  // Two of another pattern, then 荷花: the quantity starts again at one (#26).
  await options.getByRole("button", { name: "锦鲤" }).click();
  await options.getByRole("button", { name: "More" }).click();
  await expect(options.getByRole("spinbutton", { name: "Quantity" })).toHaveValue("2");
  await options.getByRole("button", { name: "荷花" }).click();
  await expect(options.getByRole("spinbutton", { name: "Quantity" })).toHaveValue("1");
  await expect(page.getByText("¥599.00").first()).toBeVisible();
  await page.getByRole("button", { name: "Buy now" }).click();
  await expect(page.getByRole("heading", { name: "Confirm order" })).toBeVisible();
  await expect(page.getByText("¥680.00").first()).toBeVisible(); // struck through beside the sale price
  const couponChoice = page.getByRole("region", { name: "Coupon", exact: true });
  await expect(couponChoice.getByRole("radio", { name: new RegExp(couponName) })).toBeChecked();
  await expect(couponChoice.getByText("its minimum spend counts the sale price")).toBeVisible();
  await fillAddressIfFirstOrder(page);
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/sandbox\/wechatpay\/cashier/);
  // ¥599 at the sale price − ¥50 coupon (no postage on this item).
  await expect(page.getByText("¥549.00")).toBeVisible();
  await page.getByLabel("Payment password").fill("123456");
  await page.getByRole("button", { name: "Pay", exact: true }).click();
  await expect(page.getByText("Paid, waiting for the seller to ship")).toBeVisible({ timeout: 30_000 });
  const orderPath = new URL(page.url()).pathname;

  // Refund only: at most what the buyer paid for the line, ¥549, and the seller refunds it.
  await page.getByRole("link", { name: "Apply for after-sale" }).click();
  await page.getByRole("radio", { name: /^Refund only/ }).check();
  await page.getByLabel("Reason").selectOption({ label: "Not received" });
  await expect(page.getByLabel("Refund amount")).toHaveValue(/^549(\.00)?$/);
  await page.getByLabel("Description").fill("端到端测试：没收到");
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page).toHaveURL(/\/cases\/\w+$/);
  const caseNo = (await page.getByText(/^Case AS\d+/).first().textContent())!.match(/AS\d+/)![0];
  await seller.goto(`${store}/cases?tab=all`);
  await seller.getByRole("link", { name: caseNo }).click();
  await seller.waitForLoadState("networkidle");
  await seller.getByRole("button", { name: "Accept and refund ¥549.00" }).click();
  await seller.getByRole("button", { name: "Refund now" }).click();
  await expect(seller.getByText(/Refund in progress|Refunded/).first()).toBeVisible();
  await expect(async () => {
    await page.goto(orderPath);
    await expect(page.getByText(/refunded in full|Closed/i).first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000, intervals: [1_000, 2_000] });

  // The dashboard: ¥81 off at the sale price and ¥50 by the coupon (a refund does not undo a promotion's cost).
  await seller.goto(store);
  // (Other journeys may have used the store's promotions today too: read this sale's and this coupon's rows.)
  const promotions = seller.getByRole("table", { name: "Promotions" });
  await expect(promotions.getByRole("row", { name: new RegExp(name) })).toContainText("¥81.00");
  await expect(promotions.getByRole("row", { name: new RegExp(couponName) })).toContainText("¥50.00");

  // The seller: one unit paid at the sale price, ¥81 off the normal price.
  await seller.goto(`${store}/flash-sales`);
  const paid = seller.getByRole("row", { name: new RegExp(name) });
  await expect(paid.getByRole("cell", { name: "¥81.00" })).toBeVisible();
  await expect(paid.getByText("1 taken")).toBeVisible();
  // Stopped, the item sells at its own price again.
  await paid.getByRole("button", { name: "Stop" }).click();
  await seller.getByRole("alertdialog").getByRole("button", { name: "Stop" }).click();
  await expect(seller.getByRole("row", { name: new RegExp(name) }).getByText("Stopped")).toBeVisible();
  await page.goto("/s/su-embroidery/search?q=" + encodeURIComponent("团扇"));
  await expect(page.getByRole("link", { name: /苏绣团扇/ }).first().getByText("Flash sale")).toHaveCount(0);
  await desk.close();
});
