import { expect, test } from "@playwright/test";

// A buyer on a phone signs in with WeChat (the built-in OAuth sandbox), finds an item by
// search, sees sold-out options disabled, and reads the store in Chinese by default.
test("a buyer signs in with WeChat and browses a store on a phone", async ({ page }) => {
  await page.goto("/signin?callbackUrl=%2Fs%2Fwest-lake-tea");
  await page.getByRole("button", { name: "Sign in with WeChat" }).click();
  await expect(page).toHaveURL(/\/sandbox\/wechat\/connect\/oauth2\/authorize/);
  await page.getByRole("radio", { name: /小王 Demo Buyer/ }).check();
  await page.getByRole("button", { name: /Allow|允许/ }).click();
  await expect(page).toHaveURL(/\/s\/west-lake-tea$/);
  // The store's home is one cached page for everyone; the signed-in buyer's bell arrives after it.
  await expect(page.getByRole("link", { name: /^Notifications/ })).toBeVisible();

  await page.goto("/me");
  await expect(page.getByText("小王 Demo Buyer").first()).toBeVisible();

  await page.goto("/s/west-lake-tea/search?q=" + encodeURIComponent("旅行"));
  await page.getByRole("link", { name: /便携旅行茶具套装/ }).first().click();
  const options = page.getByRole("region", { name: "Options" });
  await expect(options.getByRole("button", { name: /白/ })).toBeDisabled();
  await options.getByRole("button", { name: "黛" }).click();
  await expect(options.getByText("¥169.00")).toBeVisible();
  await expect(options.getByText("4 in stock")).toBeVisible();
  await expect(page.getByRole("link", { name: /^Notifications/ })).toBeVisible();
});

// The item page is one cached page for everyone; stock and the buying bar arrive once it has
// loaded. A guest gets the same page with live stock and a way to sign in that comes back here.
test("a guest sees an item page's live stock and is asked to sign in to buy", async ({ page }) => {
  await page.goto("/s/west-lake-tea/search?q=" + encodeURIComponent("旅行"));
  await page.getByRole("link", { name: /便携旅行茶具套装/ }).first().click();
  const options = page.getByRole("region", { name: "Options" });
  await expect(options.getByRole("button", { name: /白/ })).toBeDisabled();
  await options.getByRole("button", { name: "黛" }).click();
  await expect(options.getByText("4 in stock")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add to cart" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /^Notifications/ })).toHaveCount(0);
  await page.getByRole("link", { name: "Sign in to buy" }).click();
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fs%2Fwest-lake-tea%2Fitems%2F/);
});

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN" });
  test("the storefront speaks Simplified Chinese to a zh-CN browser", async ({ page }) => {
    await page.goto("/s/west-lake-tea");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("searchbox")).toHaveAttribute("placeholder", /搜索/);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the store home, a group and an item page are complete server-rendered HTML", async ({ page }) => {
    await page.goto("/s/west-lake-tea");
    await expect(page.getByRole("heading", { name: "西湖茶舍" })).toBeVisible();
    await expect(page.getByRole("link", { name: /明前西湖龙井/ }).first()).toBeVisible();
    await page.getByRole("link", { name: /明前西湖龙井/ }).first().click();
    await expect(page.getByRole("heading", { name: /明前西湖龙井/ })).toBeVisible();
    await expect(page.getByText("¥128.00 – 568.00").first()).toBeVisible();
    await page.goto("/s/west-lake-tea/search?q=" + encodeURIComponent("青瓷"));
    await expect(page.getByRole("link", { name: /龙泉青瓷品茗杯/ }).first()).toBeVisible();
  });
});
