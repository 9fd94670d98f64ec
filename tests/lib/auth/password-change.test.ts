// Changing one's password: checked against the current one (a wrong one is a field error,
// counted against a per-account limit), validated, and it ends every session of the account.
import { describe, expect, it } from "vitest";
import { authenticateWithPassword, registerSeller } from "@/lib/auth/accounts";
import { changePassword, PASSWORD_CHANGE_LIMIT } from "@/lib/auth/password-change";
import { sessionStands } from "@/lib/auth/session-state";
import { getDb } from "@/lib/db/client";
import { useTestDatabase } from "../../support/db";
import { actorFor, createUser } from "../../support/fixtures";

useTestDatabase();

let n = 0;
async function seller(password = "old password") {
  const email = `pw-${++n}@example.test`;
  const user = await registerSeller({ name: `Seller ${n}`, email, password });
  return { email, user, actor: await actorFor(user.id) };
}

describe("changing one's password", () => {
  it("sets the new password and ends the account's sessions", async () => {
    const { email, user, actor } = await seller();
    expect(await sessionStands(user.id, 0)).toBe(true);
    const { sessionVersion } = await changePassword(actor, { currentPassword: "old password", newPassword: "new password", confirmPassword: "new password" });
    expect(sessionVersion).toBe(1);
    expect(await sessionStands(user.id, 0)).toBe(false);
    expect(await sessionStands(user.id, 1)).toBe(true);
    expect(await authenticateWithPassword(email, "old password")).toBeNull();
    expect(await authenticateWithPassword(email, "new password")).toMatchObject({ id: user.id, sessionVersion: 1 });
  });

  it("refuses a wrong current password as a field error, changing nothing", async () => {
    const { email, user, actor } = await seller();
    await expect(changePassword(actor, { currentPassword: "not it at all", newPassword: "new password", confirmPassword: "new password" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { currentPassword: ["currentPasswordWrong"] },
    });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(0);
    expect(await authenticateWithPassword(email, "old password")).not.toBeNull();
  });

  it("validates the new password and its repetition", async () => {
    const { actor } = await seller();
    await expect(changePassword(actor, { currentPassword: "old password", newPassword: "short", confirmPassword: "short" })).rejects.toMatchObject({ fieldErrors: { newPassword: ["passwordTooShort"] } });
    await expect(changePassword(actor, { currentPassword: "old password", newPassword: "new password", confirmPassword: "new passw0rd" })).rejects.toMatchObject({
      fieldErrors: { confirmPassword: ["passwordMismatch"] },
    });
    await expect(changePassword(actor, { currentPassword: "", newPassword: "new password", confirmPassword: "new password" })).rejects.toMatchObject({ fieldErrors: { currentPassword: ["required"] } });
  });

  it("is for sellers and admins signed in (buyers have no password: 404)", async () => {
    const admin = await actorFor((await createUser("ADMIN")).id);
    const buyer = await actorFor((await createUser("BUYER")).id);
    const input = { currentPassword: "old password", newPassword: "new password", confirmPassword: "new password" };
    await expect(changePassword(null, input)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(changePassword(buyer, input)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await seller(); // a password hash to borrow, made with "old password"
    const hash = (await getDb().user.findFirstOrThrow({ where: { email: `pw-${n}@example.test` } })).passwordHash;
    await getDb().user.update({ where: { id: admin.userId }, data: { passwordHash: hash } });
    expect(await changePassword(admin, input)).toEqual({ sessionVersion: 1 });
  });

  it("limits guesses at the current password per account", async () => {
    const { actor } = await seller();
    for (let i = 0; i < PASSWORD_CHANGE_LIMIT.limit; i++) {
      await expect(changePassword(actor, { currentPassword: `guess ${i}`, newPassword: "new password", confirmPassword: "new password" })).rejects.toMatchObject({ code: "VALIDATION" });
    }
    await expect(changePassword(actor, { currentPassword: "old password", newPassword: "new password", confirmPassword: "new password" })).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });
});
