import { expect, test } from "@playwright/test";
import { PASSWORD, signInWithPassword, signOut, unique } from "./support";

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
  await page.getByRole("textbox", { name: "New password", exact: true }).fill("a new password");
  await page.getByLabel("Repeat the new password").fill("a new password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The current password is not right.")).toBeVisible();
  await expect(page.getByLabel("Current password")).toHaveValue("not the password");
  await expect(page.getByRole("textbox", { name: "New password", exact: true })).toHaveValue("a new password");

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

// A seller who forgot their password asks for a link, reads it in the local mail catcher
// (no SMTP here), sets a new password once, and signs in with it.
test("a seller resets a forgotten password through the mailed link", async ({ page }) => {
  const email = `e2e-reset-${unique()}@example.test`;
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("E2E Reset");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/seller\/apply$/);
  await page.goto("/me");
  await signOut(page);

  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByText("If an account uses this email, a link is on its way.")).toBeVisible();

  await page.goto("/sandbox/mail");
  const mail = page.getByRole("article", { name: "Reset your Little Store password" }).filter({ hasText: email }).first();
  const link = (await mail.getByRole("link").getAttribute("href"))!;
  await page.goto(link);
  await page.getByRole("textbox", { name: "New password", exact: true }).fill("reset password 1");
  await page.getByLabel("Repeat the new password").fill("reset password 1");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByText("Your password is changed")).toBeVisible();

  await page.goto(link);
  await expect(page.getByText("This link has expired or was already used.")).toBeVisible();
  await signInWithPassword(page, email, "reset password 1");
});
