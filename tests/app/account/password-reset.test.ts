// The forgot-password and reset-password actions, wired to the real domain, database and
// mail catcher: the same answer for any address, the mailed link sets the password once.
import { describe, expect, it, vi } from "vitest";
import { authenticateWithPassword, registerSeller } from "@/lib/auth/accounts";
import { messagesFor } from "@/lib/i18n/messages";
import { listCaughtMail } from "@/lib/mail/catcher";
import { mailSettled } from "@/lib/mail/mailer";
import { useTestDatabase } from "../../support/db";

vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "198.51.100.1" }),
  cookies: async () => ({ get: () => undefined, getAll: () => [] }),
}));

// Nobody is signed in (next-auth reads next/headers through require, which is not mocked).
vi.mock(import("@/lib/auth/session"), async (original) => ({ ...(await original()), getActor: async () => null }));

useTestDatabase();

const { requestPasswordResetAction } = await import("@/app/(site)/forgot-password/actions");
const { resetPasswordAction } = await import("@/app/(site)/reset-password/actions");
// Outside a request the actions answer in the default locale.
const zh = messagesFor("zh-CN") as unknown as { errors: { messages: Record<string, string> }; auth: { resetMail: { subject: string } } };

function form(fields: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

describe("forgot password, then reset", () => {
  it("answers alike for any address, mails the account's owner, and the link works once", async () => {
    const email = "forgot@example.test";
    await registerSeller({ name: "Forgetful", email, password: "old password" });
    expect(await requestPasswordResetAction(null, form({ email: "nobody-here@example.test" }))).toEqual({ ok: true, data: null });
    expect(await requestPasswordResetAction(null, form({ email }))).toEqual({ ok: true, data: null });
    await mailSettled();
    expect(await listCaughtMail({ to: "nobody-here@example.test" })).toEqual([]);
    const [mail] = await listCaughtMail({ to: email });
    expect(mail.subject).toBe(zh.auth.resetMail.subject);
    const token = /reset-password\?token=([\w-]+)/.exec(mail.text)![1];

    const fields = { token, newPassword: "a new password", confirmPassword: "a new password" };
    expect(await resetPasswordAction(null, form(fields))).toEqual({ ok: true, data: null });
    expect(await authenticateWithPassword(email, "a new password")).not.toBeNull();
    const again = await resetPasswordAction(null, form(fields));
    expect(again).toMatchObject({ ok: false, code: "INVALID_STATE", error: zh.errors.messages.resetLinkInvalid, values: {} });
  });

  it("refuses a malformed address as a field error, keeping it", async () => {
    const result = await requestPasswordResetAction(null, form({ email: "not-an-address" }));
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { email: [expect.any(String)] }, values: { email: "not-an-address" } });
  });
});
