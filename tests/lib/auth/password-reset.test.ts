// Password reset by mail: the link's token is stored hashed, works once and for 30 minutes,
// a request answers alike whether or not the address has an account (and mails only when it
// does), requests are rate-limited, and a reset ends the account's sessions.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { authenticateWithPassword, registerSeller } from "@/lib/auth/accounts";
import { RESET_EMAIL_LIMIT, RESET_TOKEN_TTL_MS, requestPasswordReset, resetPassword, resetTokenUsable } from "@/lib/auth/password-reset";
import { sessionStands } from "@/lib/auth/session-state";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { listCaughtMail } from "@/lib/mail/catcher";
import { mailSettled } from "@/lib/mail/mailer";
import { useTestDatabase } from "../../support/db";
import { createUser } from "../../support/fixtures";

useTestDatabase();

let n = 0;
async function seller() {
  const email = `reset-${++n}-${crypto.randomBytes(3).toString("hex")}@example.test`;
  const user = await registerSeller({ name: `Seller ${n}`, email, password: "old password" });
  return { email, user };
}

/** The token in the newest reset mail to `email`. */
async function mailedToken(email: string): Promise<string> {
  await mailSettled();
  const [mail] = await listCaughtMail({ to: email });
  expect(mail, `a mail to ${email}`).toBeDefined();
  const link = /https?:\/\/\S+\/reset-password\?token=([\w-]+)/.exec(mail.text);
  expect(link?.[0].startsWith(`${env().APP_URL}/reset-password?token=`)).toBe(true);
  return link![1];
}

const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

describe("asking for a reset link", () => {
  it("mails a link to a seller, keeping only the token's hash, valid for 30 minutes", async () => {
    const { email, user } = await seller();
    const before = Date.now();
    await requestPasswordReset({ email: email.toUpperCase() }, { locale: "en" });
    const token = await mailedToken(email);
    const [mail] = await listCaughtMail({ to: email });
    expect(mail).toMatchObject({ subject: "Reset your Little Store password", from: env().MAIL_FROM });
    const rows = await getDb().passwordResetToken.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toBe(sha256(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0].expiresAt.getTime() - before).toBeGreaterThanOrEqual(RESET_TOKEN_TTL_MS - 1_000);
    expect(rows[0].expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(RESET_TOKEN_TTL_MS);
  });

  it("answers alike for an address without an account, an account without a password and a suspended one, and mails none of them", async () => {
    const suspended = await seller();
    await getDb().user.update({ where: { id: suspended.user.id }, data: { disabled: true } });
    const noPassword = await createUser("ADMIN");
    for (const email of ["nobody@example.test", noPassword.email!, suspended.email]) {
      await expect(requestPasswordReset({ email }, { locale: "zh-CN" })).resolves.toBeUndefined();
      await mailSettled();
      expect(await listCaughtMail({ to: email })).toEqual([]);
    }
    expect(await getDb().passwordResetToken.count({ where: { userId: { in: [suspended.user.id, noPassword.id] } } })).toBe(0);
  });

  it("replaces the previous link when asked again", async () => {
    const { email } = await seller();
    await requestPasswordReset({ email }, { locale: "en" });
    const first = await mailedToken(email);
    await requestPasswordReset({ email }, { locale: "en" });
    const second = await mailedToken(email);
    expect(second).not.toBe(first);
    expect(await resetTokenUsable(first)).toBe(false);
    expect(await resetTokenUsable(second)).toBe(true);
  });

  it("is rate-limited per address asked for, whether or not it has an account, and per client address", async () => {
    for (const email of [(await seller()).email, `ghost-${n}@example.test`]) {
      for (let i = 0; i < RESET_EMAIL_LIMIT.limit; i++) await requestPasswordReset({ email }, { locale: "en" });
      await expect(requestPasswordReset({ email }, { locale: "en" })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    }
    const ip = "203.0.113.7";
    let refused = 0;
    for (let i = 0; i < 31; i++) await requestPasswordReset({ email: `spray-${i}@example.test` }, { locale: "en", clientIp: ip }).catch(() => refused++);
    expect(refused).toBe(1);
  });

  it("validates the address", async () => {
    await expect(requestPasswordReset({ email: "not an email" }, { locale: "en" })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { email: ["emailFormat"] } });
  });
});

describe("resetting through the link", () => {
  it("sets the new password, ends every session, and works once", async () => {
    const { email, user } = await seller();
    await requestPasswordReset({ email }, { locale: "en" });
    const token = await mailedToken(email);
    await resetPassword({ token, newPassword: "brand new pw", confirmPassword: "brand new pw" });
    expect(await authenticateWithPassword(email, "old password")).toBeNull();
    expect(await authenticateWithPassword(email, "brand new pw")).toMatchObject({ id: user.id, sessionVersion: 1 });
    expect(await sessionStands(user.id, 0)).toBe(false);
    await expect(resetPassword({ token, newPassword: "another pw!", confirmPassword: "another pw!" })).rejects.toMatchObject({ code: "INVALID_STATE", details: { messageKey: "resetLinkInvalid" } });
    expect(await authenticateWithPassword(email, "brand new pw")).not.toBeNull();
  });

  it("refuses an expired link, an unknown one and a malformed one", async () => {
    const { email, user } = await seller();
    await requestPasswordReset({ email }, { locale: "en" });
    const token = await mailedToken(email);
    await getDb().passwordResetToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    const input = { newPassword: "brand new pw", confirmPassword: "brand new pw" };
    await expect(resetPassword({ token, ...input })).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(resetPassword({ token: crypto.randomBytes(32).toString("base64url"), ...input })).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(resetPassword({ token: "short", ...input })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { token: ["invalid"] } });
    expect(await authenticateWithPassword(email, "old password")).not.toBeNull();
  });

  it("uses a link once when two resets race for it", async () => {
    const { email } = await seller();
    await requestPasswordReset({ email }, { locale: "en" });
    const token = await mailedToken(email);
    const results = await Promise.allSettled(["first pw 111", "second pw 222"].map((pw) => resetPassword({ token, newPassword: pw, confirmPassword: pw })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(["INVALID_STATE"]);
  });

  it("checks the repetition of the new password", async () => {
    const { email } = await seller();
    await requestPasswordReset({ email }, { locale: "en" });
    const token = await mailedToken(email);
    await expect(resetPassword({ token, newPassword: "brand new pw", confirmPassword: "brand new pX" })).rejects.toMatchObject({ fieldErrors: { confirmPassword: ["passwordMismatch"] } });
    expect(await resetTokenUsable(token)).toBe(true);
  });
});
