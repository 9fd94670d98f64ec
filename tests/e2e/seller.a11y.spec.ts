import { expect, test } from "@playwright/test";
import { expectAccessible } from "./a11y-support";
import { openSellerStore, signInWithPassword, signOut } from "./support";

// Accessibility (axe: WCAG 2.1 A/AA, no serious or critical violations) of the consoles.
test("the seller dashboard, orders, funds and item editor, and the admin console are accessible", async ({ page }) => {
  await signInWithPassword(page, "tea@littlestore.test");
  const store = await openSellerStore(page, /西湖茶舍/);
  await expectAccessible(page, "seller dashboard");
  await page.goto(`${store}/orders`);
  await expectAccessible(page, "seller orders");
  await page.goto(`${store}/funds`);
  await expect(page.getByRole("heading", { name: "Funds" })).toBeVisible();
  await expectAccessible(page, "seller funds");
  await page.goto(`${store}/items/new`);
  await expect(page.getByRole("heading", { name: "New item" })).toBeVisible();
  await expectAccessible(page, "item editor");
  await signOut(page);
  await signInWithPassword(page, "admin@littlestore.test");
  await page.goto("/admin");
  await expectAccessible(page, "admin overview");
  await page.goto("/admin/applications");
  await expectAccessible(page, "admin applications");
  await page.goto("/admin/funds");
  await expect(page.getByRole("heading", { name: "Funds and platform fees" })).toBeVisible();
  await expectAccessible(page, "admin funds");
  await page.goto("/admin/reconciliation");
  await expect(page.getByRole("heading", { name: "Reconciliation" })).toBeVisible();
  await expectAccessible(page, "admin reconciliation");
});
