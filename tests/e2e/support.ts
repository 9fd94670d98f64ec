import { expect, type Page } from "@playwright/test";
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
