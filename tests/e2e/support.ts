import { devices, expect, type Browser, type Page } from "@playwright/test";
import sharp from "sharp";

export const PASSWORD = "littlestore";

/** A small PNG made on the spot (no fixtures on disk). */
export function png(color = "#c96", size = 600): Promise<Buffer> {
  return sharp({ create: { width: size, height: size, channels: 3, background: color } }).png().toBuffer();
}

export const unique = () => Math.random().toString(36).slice(2, 7);

export async function signInWithPassword(page: Page, email: string, password = PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/signin/);
  // This browser is now known to the address: its guesses no longer share the address's lock (lib/auth/device.ts).
  const device = (await page.context().cookies()).find((c) => c.name === "ls_device");
  expect(device, "the device cookie is set on password sign-in").toMatchObject({ httpOnly: true, sameSite: "Lax" });
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
}

/** Opens the seller center of the store whose name matches. Returns its base URL. */
export async function openSellerStore(page: Page, name: RegExp): Promise<string> {
  await page.goto("/seller");
  await page.getByRole("link", { name }).first().click();
  await expect(page).toHaveURL(/\/seller\/stores\/\w+$/);
  return new URL(page.url()).pathname;
}

/**
 * The demo buyer, on a phone, buys one unit of the first item matching `query` in `slug`
 * with "Buy now" and pays in the WeChat Pay sandbox cashier. Returns the order number.
 */
export async function buyerPaysOneItem(browser: Browser, opts: { slug: string; query: string; option?: string }): Promise<string> {
  return (await buyerPaysOneItemAt(browser, opts)).orderNo;
}

/** Like buyerPaysOneItem; also answers the order page's path. */
export async function buyerPaysOneItemAt(browser: Browser, opts: { slug: string; query: string; option?: string; baseURL?: string }): Promise<{ orderNo: string; orderPath: string }> {
  const phone = await browser.newContext({ ...devices["Pixel 7"], locale: "en-US", ...(opts.baseURL ? { baseURL: opts.baseURL } : {}) });
  const page = await phone.newPage();
  try {
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(`/s/${opts.slug}`)}`);
    await page.getByRole("button", { name: "Sign in with WeChat" }).click();
    await page.getByRole("radio", { name: /小王 Demo Buyer/ }).check();
    await page.getByRole("button", { name: /Allow/ }).click();
    await expect(page).toHaveURL(new RegExp(`/s/${opts.slug}$`));
    await page.goto(`/s/${opts.slug}/search?q=${encodeURIComponent(opts.query)}`);
    await page.getByRole("link", { name: new RegExp(opts.query) }).first().click();
    if (opts.option) await page.getByRole("region", { name: "Options" }).getByRole("button", { name: opts.option, exact: true }).click();
    await page.getByRole("button", { name: "Buy now" }).click();
    await expect(page.getByRole("heading", { name: "Confirm order" })).toBeVisible();
    await fillAddressIfFirstOrder(page);
    await page.getByRole("button", { name: "Place order" }).click();
    await expect(page).toHaveURL(/\/sandbox\/wechatpay\/cashier/);
    await page.getByLabel("Payment password").fill("123456");
    await page.getByRole("button", { name: "Pay", exact: true }).click();
    await expect(page.getByText("Paid, waiting for the seller to ship")).toBeVisible({ timeout: 30_000 });
    return { orderNo: (await page.getByText(/^\d{18}$/).first().textContent())!.trim(), orderPath: new URL(page.url()).pathname };
  } finally {
    await phone.close();
  }
}

/** On checkout: a buyer with saved addresses has the default chosen; a first-time buyer types one. */
export async function fillAddressIfFirstOrder(page: Page) {
  if (await page.getByRole("radio", { name: "Use a new address" }).count()) return;
  await page.getByLabel("Recipient").fill("王小明");
  await page.getByLabel("Mobile number").fill("13800138000");
  await page.getByLabel("Province").fill("浙江省");
  await page.getByLabel("City").fill("杭州市");
  await page.getByLabel("District").fill("西湖区");
  await page.getByLabel("Street address").fill("文三路 100 号");
}
