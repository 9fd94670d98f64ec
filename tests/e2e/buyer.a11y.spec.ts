import { expect, test } from "@playwright/test";
import { expectAccessible } from "./a11y-support";

// Accessibility (axe: WCAG 2.1 A/AA, no serious or critical violations) on a phone.
test("the storefront, an item page, the cart and checkout are accessible", async ({ page }) => {
  await page.goto("/s/west-lake-tea");
  await expectAccessible(page, "store home");
  await page.getByRole("link", { name: /明前西湖龙井/ }).first().click();
  await expect(page.getByRole("heading", { name: /明前西湖龙井/ })).toBeVisible();
  await expectAccessible(page, "item page");

  await page.goto("/signin?callbackUrl=%2Fs%2Fwest-lake-tea");
  await expectAccessible(page, "sign-in");
  await page.getByRole("button", { name: "Sign in with WeChat" }).click();
  await page.getByRole("radio", { name: /小王 Demo Buyer/ }).check();
  await expectAccessible(page, "WeChat sandbox consent");
  await page.getByRole("button", { name: /Allow/ }).click();
  await expect(page).toHaveURL(/\/s\/west-lake-tea$/);

  await page.goto("/s/west-lake-tea/search?q=" + encodeURIComponent("青瓷"));
  await page.getByRole("link", { name: /龙泉青瓷品茗杯/ }).first().click();
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("link", { name: /Cart, \d+ item/ })).toBeVisible();
  await page.getByRole("link", { name: /Cart, \d+ item/ }).click();
  await expectAccessible(page, "cart");
  await page.getByRole("link", { name: /Check out/ }).click();
  await expect(page.getByRole("heading", { name: "Confirm order" })).toBeVisible();
  await expectAccessible(page, "checkout");
});
