import { devices, expect, test } from "@playwright/test";
import { createDatabase, freePort, startApp, tmpDir } from "./fault-support";
import { buyerPaysOneItemAt } from "./support";

// A seller who lets the clock run out is taken to accept. The deadline is frozen into each
// order at checkout, so this journey runs its own app whose seller deadline is seconds long.
test.setTimeout(240_000);

test("a seller who does not answer in time is taken to accept, and the buyer is refunded", async ({ browser }) => {
  const db = await createDatabase("timer");
  const app = await startApp({
    databaseUrl: db.url,
    port: await freePort(),
    dataDir: tmpDir("timer"),
    env: { SEED_DEMO: "true", PROTECTION_SELLER_SLA_HOURS: "0.004", WECHATPAY_SANDBOX_TIME_SCALE: "0.01" },
  });
  try {
    const { orderPath } = await buyerPaysOneItemAt(browser, { slug: "west-lake-tea", query: "明前西湖龙井", option: "50g 罐装", baseURL: app.url });
    const ctx = await browser.newContext({ ...devices["Pixel 7"], locale: "en-US", baseURL: app.url });
    const buyer = await ctx.newPage();
    await buyer.goto("/signin?callbackUrl=%2Forders");
    await buyer.getByRole("button", { name: "Sign in with WeChat" }).click();
    await buyer.getByRole("radio", { name: /小王 Demo Buyer/ }).check();
    await buyer.getByRole("button", { name: /Allow/ }).click();
    await expect(buyer).toHaveURL(/\/orders$/);
    await buyer.goto(orderPath);
    await buyer.getByRole("link", { name: "Apply for after-sale" }).click();
    await buyer.getByLabel("Reason").selectOption({ label: "Not received" });
    await buyer.getByLabel("Description").fill("卖家不回复");
    await buyer.getByRole("button", { name: "Submit request" }).click();
    await expect(buyer).toHaveURL(/\/cases\/\w+$/);
    await expect(buyer.getByText("Waiting for the seller").first()).toBeVisible();
    // About 15 seconds of seller silence later, the request is accepted and the refund settles.
    await expect(async () => {
      await buyer.reload();
      await expect(buyer.getByText("Refunded").first()).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 90_000, intervals: [2_000] });
    await expect(buyer.getByText(/accepted automatically|automatically/i).first()).toBeVisible();
    await ctx.close();
  } finally {
    await app.kill("SIGTERM");
    await db.drop();
  }
});
