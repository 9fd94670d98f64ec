import { expect, test } from "@playwright/test";
import { buyerPaysOneItem, openSellerStore, signInWithPassword } from "./support";

// A seller watching the dashboard sees a new paid order arrive — in the figures and in the
// notification centre — without reloading the page.
test("a new paid order appears in the dashboard and the notification centre without reloading", async ({ page, browser }) => {
  await signInWithPassword(page, "tea@littlestore.test");
  const store = await openSellerStore(page, /西湖茶舍/);
  await page.goto(`${store}?range=today`);
  await page.waitForLoadState("networkidle");
  const paidOrders = page.locator("dt", { hasText: /^Paid orders$/ }).locator("xpath=following-sibling::dd[1]");
  const before = Number(await paidOrders.textContent());
  const bell = page.getByRole("link", { name: /^Notifications/ }).first();
  const unreadBefore = Number(/(\d+) unread/.exec((await bell.getAttribute("aria-label")) ?? (await bell.textContent()) ?? "")?.[1] ?? 0);
  // A full reload would wipe this marker; live updates keep it.
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

  const orderNo = await buyerPaysOneItem(browser, { slug: "west-lake-tea", query: "明前西湖龙井", option: "50g 罐装" });

  await expect(paidOrders).toHaveText(String(before + 1), { timeout: 30_000 });
  await expect(page.getByRole("link", { name: new RegExp(`^Notifications, ${unreadBefore + 1} unread`) }).first()).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  await page.getByRole("link", { name: /^Notifications, \d+ unread/ }).first().click();
  await expect(page.getByRole("link", { name: new RegExp(`New paid order ${orderNo}`) })).toBeVisible();
});
