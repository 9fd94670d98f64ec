import { expect, test } from "@playwright/test";
import { PASSWORD, signInWithPassword, unique } from "./support";

// A seller changes their password: a wrong current password is refused with what was typed
// kept; the change keeps this browser signed in and signs the account out everywhere else.
test("a seller changes their password and is signed out elsewhere", async ({ page, browser }) => {
  const email = `e2e-pw-${unique()}@example.test`;
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("E2E Password");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/seller\/apply$/);

  const elsewhere = await (await browser.newContext({ locale: "en-US" })).newPage();
  await signInWithPassword(elsewhere, email);

  await page.goto("/me");
  await page.getByRole("link", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/me\/password$/);
  await page.getByLabel("Current password").fill("not the password");
  await page.getByLabel("New password").fill("a new password");
  await page.getByLabel("Repeat the new password").fill("a new password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The current password is not right.")).toBeVisible();
  await expect(page.getByLabel("Current password")).toHaveValue("not the password");
  await expect(page.getByLabel("New password")).toHaveValue("a new password");

  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed.")).toBeVisible();
  await page.goto("/me");
  await expect(page.getByText(email)).toBeVisible();

  await elsewhere.goto("/seller");
  await expect(elsewhere).toHaveURL(/\/signin\?callbackUrl=/);
  await signInWithPassword(elsewhere, email, "a new password");
  await elsewhere.context().close();
});
