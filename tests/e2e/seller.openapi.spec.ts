import { expect, test } from "@playwright/test";
import { buyerPaysOneItem, openSellerStore, signInWithPassword, unique } from "./support";

// A seller creates an API token in the console and ships a paid order through the merchant
// Open API; the order's page then shows it shipped, and the token can be revoked.
test("a seller creates an API token and ships an order through the Open API", async ({ page, browser, request }) => {
  const orderNo = await buyerPaysOneItem(browser, { slug: "west-lake-tea", query: "明前西湖龙井", option: "50g 罐装" });

  await signInWithPassword(page, "tea@littlestore.test");
  const store = await openSellerStore(page, /西湖茶舍/);
  await page.goto(`${store}/api-tokens`);
  const name = `ERP ${unique()}`;
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = await page.getByRole("textbox", { name: "New token" }).inputValue();
  expect(secret).toMatch(/^lsm_/);
  const auth = { Authorization: `Bearer ${secret}` };

  const list = await request.get(`/api/open/v1/orders?status=PAID`, { headers: auth });
  expect(list.status()).toBe(200);
  const body = await list.json();
  const order = body.orders.find((o: { orderNo: string }) => o.orderNo === orderNo);
  expect(order, `order ${orderNo} in the PAID list`).toBeTruthy();

  const shipped = await request.post(`/api/open/v1/orders/${order.id}/delivery`, { headers: { ...auth, "Content-Type": "application/json" }, data: { carrier: "ZTO", trackingNo: "ZT9876543210" } });
  expect(shipped.status(), await shipped.text()).toBe(200);
  expect((await (await request.get(`/api/open/v1/orders/${order.id}`, { headers: auth })).json()).status).toBe("SHIPPED");

  await page.goto(`${store}/orders?orderNo=${orderNo}`);
  await page.getByRole("link", { name: orderNo }).click();
  await expect(page.getByText("ZT9876543210", { exact: true })).toBeVisible();

  // Revoked: the token stops working at once.
  await page.goto(`${store}/api-tokens`);
  await page.getByRole("button", { name: `Revoke token ${name}` }).click();
  await page.getByRole("button", { name: `Yes, revoke token ${name}` }).click();
  await expect.poll(async () => (await request.get(`/api/open/v1/orders?status=PAID`, { headers: auth })).status()).toBe(401);
});
