import { devices, expect, test } from "@playwright/test";
import { fillAddressIfFirstOrder, openSellerStore, signInWithPassword, unique } from "./support";

// A seller schedules a flash sale on one SKU (a price above its own is refused, with what was
// typed kept); a buyer on a phone sees the sale price, the normal one struck through and the
// countdown, and pays the sale price; the seller's list shows the unit paid and what it cost.
test("a seller's flash sale is shown with its countdown and paid at its price by a phone buyer", async ({ page, browser }) => {
  const name = `限时 ${unique()}`;
  const desk = await browser.newContext({ ...devices["Desktop Chrome"], locale: "en-US" });
  const seller = await desk.newPage();
  await signInWithPassword(seller, "craft@littlestore.test");
  const store = await openSellerStore(seller, /苏绣坊/);
  await seller.goto(`${store}/flash-sales`);
  await seller.getByLabel("Item").selectOption({ label: "苏绣团扇 · 手工真丝" });
  await seller.getByRole("button", { name: "Show its SKUs" }).click();
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
  const options = page.getByRole("region", { name: "Options" });
  await options.getByRole("button", { name: "荷花" }).click();
  await expect(page.getByText("¥599.00").first()).toBeVisible();
  await page.getByRole("button", { name: "Buy now" }).click();
  await expect(page.getByRole("heading", { name: "Confirm order" })).toBeVisible();
  await expect(page.getByText("¥680.00").first()).toBeVisible(); // struck through beside the sale price
  await fillAddressIfFirstOrder(page);
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/sandbox\/wechatpay\/cashier/);
  await expect(page.getByText("¥599.00")).toBeVisible();
  await page.getByLabel("Payment password").fill("123456");
  await page.getByRole("button", { name: "Pay", exact: true }).click();
  await expect(page.getByText("Paid, waiting for the seller to ship")).toBeVisible({ timeout: 30_000 });

  // The seller: one unit paid at the sale price, ¥81 off the normal price.
  await seller.reload();
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
