import { devices, expect, test } from "@playwright/test";
import { fillAddressIfFirstOrder, openSellerStore, signInWithPassword, unique } from "./support";

// A seller creates a 满减 coupon; a buyer on a phone claims it from the store's home page,
// checkout picks it by default, and the buyer pays the discounted total in the cashier.
test("a seller's spend-and-save coupon is claimed by a phone buyer and taken off what they pay", async ({ page, browser }) => {
  const name = `满80减10 ${unique()}`;
  const desk = await browser.newContext({ ...devices["Desktop Chrome"], locale: "en-US" });
  const seller = await desk.newPage();
  await signInWithPassword(seller, "craft@littlestore.test");
  const store = await openSellerStore(seller, /苏绣坊/);
  await seller.goto(`${store}/coupons`);
  // A threshold at or below the amount off is refused with the field's own error, and what was typed stays.
  await seller.getByLabel("Name").fill(name);
  await seller.getByLabel("Amount off (¥)").fill("10");
  await seller.getByLabel("Minimum spend (¥)").fill("10");
  await seller.getByRole("button", { name: "New coupon" }).click();
  await expect(seller.getByText("The minimum spend must be more than the amount off.")).toBeVisible();
  await expect(seller.getByLabel("Name")).toHaveValue(name);
  await seller.getByLabel("Minimum spend (¥)").fill("80");
  await seller.getByRole("button", { name: "New coupon" }).click();
  await expect(seller.getByText("Coupon created.")).toBeVisible();
  const row = seller.getByRole("row", { name: new RegExp(name) });
  await expect(row.getByText("Running")).toBeVisible();
  await expect(row.getByText("0 / 100")).toBeVisible();

  // The buyer claims it on the store's home page (one cached page for everyone).
  await page.goto("/signin?callbackUrl=%2Fs%2Fsu-embroidery");
  await page.getByRole("button", { name: "Sign in with WeChat" }).click();
  await page.getByRole("radio", { name: /小王 Demo Buyer/ }).check();
  await page.getByRole("button", { name: /Allow/ }).click();
  await expect(page).toHaveURL(/\/s\/su-embroidery$/);
  const strip = page.getByRole("region", { name: "Coupons" });
  const card = strip.getByRole("listitem").filter({ hasText: name });
  await card.getByRole("button", { name: /Claim ¥10.00 off orders over ¥80.00/ }).click();
  await expect(card.getByRole("status")).toHaveText("Claimed");
  await page.goto("/s/su-embroidery/coupons");
  await expect(page.getByText(name)).toBeVisible();

  // ¥88 handkerchief + ¥5 postage − ¥10 = ¥83, the coupon chosen by default.
  await page.goto("/s/su-embroidery/search?q=" + encodeURIComponent("手帕"));
  await page.getByRole("link", { name: /桑蚕丝手帕/ }).first().click();
  const options = page.getByRole("region", { name: "Options" });
  await options.getByRole("button", { name: "黛蓝" }).click();
  await options.getByRole("button", { name: "小 30cm" }).click();
  await page.getByRole("button", { name: "Buy now" }).click();
  await expect(page.getByRole("heading", { name: "Confirm order" })).toBeVisible();
  const coupons = page.getByRole("region", { name: "Coupon", exact: true });
  await expect(coupons.getByRole("radio", { name: new RegExp(name) })).toBeChecked();
  await expect(page.getByText("−¥10.00").first()).toBeVisible();
  await fillAddressIfFirstOrder(page);
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/sandbox\/wechatpay\/cashier/);
  await expect(page.getByText("¥83.00")).toBeVisible();
  await page.getByLabel("Payment password").fill("123456");
  await page.getByRole("button", { name: "Pay", exact: true }).click();
  await expect(page.getByText("Paid, waiting for the seller to ship")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("−¥10.00")).toBeVisible();

  // The seller sees it claimed and used.
  await seller.reload();
  await expect(seller.getByRole("row", { name: new RegExp(name) }).getByText("1 / 100")).toBeVisible();
  await desk.close();
});
