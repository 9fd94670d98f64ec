import { expect, test } from "@playwright/test";
import { png, PASSWORD, signInWithPassword, signOut, unique } from "./support";

// A new seller signs up and applies for a store; an admin approves it from the review
// queue; the seller sees the store open and its storefront is live.
test("an admin approves a store application", async ({ page }) => {
  const id = unique();
  const email = `e2e-${id}@example.test`;
  const slug = `e2e-shop-${id}`;

  await page.goto("/signup");
  await page.getByLabel("Your name").fill("E2E Seller");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/seller\/apply$/);

  // A bad phone number is refused with a field error and nothing typed is lost.
  await page.getByLabel("Store name").fill(`E2E 小铺 ${id}`);
  await page.getByLabel("Store address").fill(slug);
  await page.getByLabel("Choose image").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: await png("#07c160", 256) });
  await expect(page.getByRole("img", { name: "Logo" })).toBeVisible();
  await page.getByLabel("Description").fill("端到端测试的小店");
  await page.getByLabel("Registered business name").fill("E2E 测试商贸有限公司");
  await page.getByLabel("WeChat official account ID").fill("gh_0123456789ab");
  await page.getByLabel("WeChat Pay merchant ID (mchid)").fill("1900000199");
  await page.getByLabel("Contact phone").fill("12345");
  await page.getByRole("button", { name: "Submit application" }).click();
  await expect(page.getByText("Enter a mainland mobile (11 digits) or a landline with area code.")).toBeVisible();
  await expect(page.getByLabel("Store address")).toHaveValue(slug);
  await page.getByLabel("Contact phone").fill("13800138000");
  await page.getByRole("button", { name: "Submit application" }).click();
  await expect(page.getByText("Your application is under review")).toBeVisible();
  await signOut(page);

  await signInWithPassword(page, "admin@littlestore.test");
  await page.goto("/admin/applications");
  await page.getByRole("link", { name: `E2E 小铺 ${id}` }).click();
  await expect(page.getByText(`/s/${slug}`)).toBeVisible();
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("button", { name: "Suspend store" })).toBeVisible();
  await expect(page.getByText("Approved").first()).toBeVisible();
  const storePath = new URL(page.url()).pathname;
  // The decision is in the audit log, the store named and linked.
  await page.goto("/admin/audit");
  const row = page.getByRole("row").filter({ hasText: "Approved a store" }).filter({ hasText: `E2E 小铺 ${id}` });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("link", { name: `E2E 小铺 ${id}` })).toHaveAttribute("href", storePath);
  await signOut(page);

  await signInWithPassword(page, email);
  await page.goto("/seller");
  await page.getByRole("link", { name: new RegExp(`E2E 小铺 ${id}`) }).click();
  await expect(page.getByText("Your store is open")).toBeVisible();
  await page.goto(`/s/${slug}`);
  await expect(page.getByRole("heading", { name: `E2E 小铺 ${id}` })).toBeVisible();
});
