import { devices, expect, test } from "@playwright/test";
import { openSellerStore, signInWithPassword } from "./support";

// A buyer on a phone buys two SKUs of one item, pays in the WeChat Pay cashier and sees the
// order paid (the sandbox's notification reaches the app); the seller ships it; the buyer
// confirms receipt. Nothing of our own is mocked.
test("a phone buyer buys two SKUs, pays, the seller ships, the buyer confirms receipt", async ({ page, browser }) => {
  await page.goto("/signin?callbackUrl=%2Fs%2Fsu-embroidery");
  await page.getByRole("button", { name: "Sign in with WeChat" }).click();
  await page.getByRole("radio", { name: /小王 Demo Buyer/ }).check();
  await page.getByRole("button", { name: /Allow/ }).click();
  await expect(page).toHaveURL(/\/s\/su-embroidery$/);

  // Start from an empty cart (the demo buyer may have shopped here before).
  await page.goto("/s/su-embroidery/cart");
  const remove = page.getByRole("button", { name: "Remove" });
  while (await remove.count()) {
    const before = await remove.count();
    await remove.first().click();
    await expect.poll(() => remove.count()).toBeLessThan(before);
  }

  // Two SKUs of the silk handkerchief into the cart.
  await page.goto("/s/su-embroidery/search?q=" + encodeURIComponent("手帕"));
  await page.getByRole("link", { name: /桑蚕丝手帕/ }).first().click();
  const options = page.getByRole("region", { name: "Options" });
  await options.getByRole("button", { name: "黛蓝" }).click();
  await options.getByRole("button", { name: "小 30cm" }).click();
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("link", { name: /Cart, 1 item/ })).toBeVisible();
  // The size stays chosen; switching the colour picks the other SKU.
  await options.getByRole("button", { name: "胭脂" }).click();
  await expect(options.getByRole("button", { name: "小 30cm" })).toHaveAttribute("aria-pressed", "true");
  await options.getByRole("button", { name: "More" }).click();
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("link", { name: /Cart, 3 items/ })).toBeVisible();
  // The store's home is one cached page for everyone: its cart badge asks for the count.
  await page.goto("/s/su-embroidery");
  await expect(page.getByRole("link", { name: /Cart, 3 items/ })).toBeVisible();

  // Cart → checkout: ¥88 × 3 + ¥5 flat postage.
  await page.getByRole("link", { name: /Cart, 3 items/ }).click();
  await expect(page.getByText("¥269.00").first()).toBeVisible();
  await page.getByRole("link", { name: /Check out/ }).click();
  await expect(page.getByRole("heading", { name: "Confirm order" })).toBeVisible();
  // A buyer with saved addresses picks "new"; a first-time buyer gets the form straight away.
  const newAddress = page.getByRole("radio", { name: "Use a new address" });
  if (await newAddress.count()) await newAddress.check();
  await page.getByLabel("Recipient").fill("王小明");
  await page.getByLabel("Mobile number").fill("13800138000");
  await page.getByLabel("Province").fill("浙江省");
  await page.getByLabel("City").fill("杭州市");
  await page.getByLabel("District").fill("西湖区");
  await page.getByLabel("Street address").fill("文三路 100 号 2 幢 301");
  await page.getByRole("button", { name: "Place order" }).click();

  // The sandbox cashier stands in for WeChat's payment sheet.
  await expect(page).toHaveURL(/\/sandbox\/wechatpay\/cashier/);
  await expect(page.getByText("¥269.00")).toBeVisible();
  await page.getByLabel("Payment password").fill("123456");
  await page.getByRole("button", { name: "Pay", exact: true }).click();
  await expect(page).toHaveURL(/\/orders\/\w+/);
  await expect(page.getByText("Paid, waiting for the seller to ship")).toBeVisible({ timeout: 30_000 });
  const orderNo = (await page.getByText(/^\d{18}$/).first().textContent())!.trim();
  const orderUrl = page.url().split("?")[0];

  // The seller ships it.
  const desk = await browser.newContext({ ...devices["Desktop Chrome"], locale: "en-US" });
  const seller = await desk.newPage();
  await signInWithPassword(seller, "craft@littlestore.test");
  const store = await openSellerStore(seller, /苏绣坊/);
  await seller.goto(`${store}/orders?orderNo=${orderNo}`);
  await seller.getByRole("link", { name: orderNo }).click();
  await seller.waitForLoadState("networkidle"); // hydrated: the form posts through its action
  await seller.getByLabel("Carrier").selectOption("SF");
  // A refused tracking number keeps everything typed, the carrier too (React resets a form after its action).
  await seller.getByLabel("Tracking number").fill("SF12");
  await seller.getByRole("button", { name: "Mark as shipped" }).click();
  await expect(seller.getByLabel("Tracking number")).toHaveAttribute("aria-invalid", "true");
  await expect(seller.getByLabel("Carrier")).toHaveValue("SF");
  await expect(seller.getByLabel("Tracking number")).toHaveValue("SF12");
  await seller.getByLabel("Tracking number").fill("SF1234567890123");
  await seller.getByRole("button", { name: "Mark as shipped" }).click();
  await expect(seller.getByText("SF1234567890123", { exact: true })).toBeVisible();
  await expect(seller.getByText("Shipped", { exact: true }).first()).toBeVisible();
  await desk.close();

  // The buyer sees the shipment and confirms receipt.
  await page.goto(orderUrl);
  await expect(page.getByText("Shipped, on its way")).toBeVisible();
  await expect(page.getByText("SF1234567890123").first()).toBeVisible();
  await page.getByRole("button", { name: "Confirm receipt" }).click();
  await page.getByRole("button", { name: "Yes, received" }).click();
  await expect(page.getByText("Completed").first()).toBeVisible();
});
