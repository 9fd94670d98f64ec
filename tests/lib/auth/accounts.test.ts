// Sign-in and sign-up of accounts: sellers/admins by email and password, buyers by WeChat.
import { describe, expect, it } from "vitest";
import { authenticateWithPassword, registerSeller, upsertWechatBuyer } from "@/lib/auth/accounts";
import { hashPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { useTestDatabase } from "../../support/db";

useTestDatabase();

async function expectAppError(p: Promise<unknown>, code: string, fieldErrors?: Record<string, string[]>) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  if (fieldErrors) expect((e as AppError).fieldErrors).toMatchObject(fieldErrors);
}

describe("authenticateWithPassword", () => {
  it("signs a seller in with the right password, whatever the email's case and spacing", async () => {
    const seller = await registerSeller({ name: "Lin", email: "lin@example.test", password: "correct horse" });
    expect(await authenticateWithPassword("lin@example.test", "correct horse")).toEqual({ id: seller.id, name: "Lin", role: "SELLER", sessionVersion: 0, deviceToken: expect.stringMatching(/^[\w-]{16}\.[\w-]{43}$/) });
    expect(await authenticateWithPassword("  LIN@Example.TEST ", "correct horse")).toMatchObject({ id: seller.id });
  });

  it("signs an admin in", async () => {
    const admin = await getDb().user.create({ data: { role: "ADMIN", name: "Root", email: "root@example.test", passwordHash: await hashPassword("admin password") } });
    expect(await authenticateWithPassword("root@example.test", "admin password")).toEqual({ id: admin.id, name: "Root", role: "ADMIN", sessionVersion: 0, deviceToken: expect.any(String) });
  });

  it("returns null, with no hint why, for a wrong password, an unknown email or a malformed one", async () => {
    await registerSeller({ name: "Su", email: "su@example.test", password: "needle and thread" });
    expect(await authenticateWithPassword("su@example.test", "needle and threaD")).toBeNull();
    expect(await authenticateWithPassword("nobody@example.test", "needle and thread")).toBeNull();
    expect(await authenticateWithPassword("not an email", "needle and thread")).toBeNull();
    expect(await authenticateWithPassword("su@example.test", "")).toBeNull();
  });

  it("refuses a disabled user even with the right password", async () => {
    const seller = await registerSeller({ name: "Gone", email: "gone@example.test", password: "right password" });
    await getDb().user.update({ where: { id: seller.id }, data: { disabled: true } });
    expect(await authenticateWithPassword("gone@example.test", "right password")).toBeNull();
  });

  it("refuses an account without a password (a WeChat buyer given an email)", async () => {
    await getDb().user.create({ data: { role: "BUYER", name: "Buyer", email: "buyer@example.test", wechatOpenId: "oBuyerWithEmail000000000000" } });
    expect(await authenticateWithPassword("buyer@example.test", "")).toBeNull();
    expect(await authenticateWithPassword("buyer@example.test", "anything at all")).toBeNull();
  });
});

describe("registerSeller", () => {
  it("creates a seller with a lower-cased email and a hashed password", async () => {
    const s = await registerSeller({ name: "  Zhou  ", email: "Zhou@Example.TEST", password: "s3cret-pass" });
    const row = await getDb().user.findUniqueOrThrow({ where: { id: s.id } });
    expect(row).toMatchObject({ role: "SELLER", name: "Zhou", email: "zhou@example.test", disabled: false, wechatOpenId: null });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain("s3cret-pass");
  });

  it("refuses a taken email, whatever its case, as a field error", async () => {
    await registerSeller({ name: "First", email: "taken@example.test", password: "password-1" });
    await expectAppError(registerSeller({ name: "Second", email: "TAKEN@example.test", password: "password-2" }), "VALIDATION", { email: ["emailTaken"] });
    expect(await getDb().user.count({ where: { email: "taken@example.test" } })).toBe(1);
  });

  it("lets exactly one of two concurrent sign-ups for one email through", async () => {
    const results = await Promise.allSettled([
      registerSeller({ name: "A", email: "race@example.test", password: "password-a" }),
      registerSeller({ name: "B", email: "Race@example.test", password: "password-b" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "VALIDATION", fieldErrors: { email: ["emailTaken"] } });
  });

  it("turns bad input into field errors and saves nothing", async () => {
    const before = await getDb().user.count();
    await expectAppError(registerSeller({ name: "", email: "not-an-email", password: "short" }), "VALIDATION", {
      name: ["required"],
      email: ["emailFormat"],
      password: ["passwordTooShort"],
    });
    await expectAppError(registerSeller({ name: "x".repeat(61), email: "ok@example.test", password: "long enough" }), "VALIDATION", { name: ["tooLong"] });
    expect(await getDb().user.count()).toBe(before);
  });
});

describe("upsertWechatBuyer", () => {
  const profile = { openid: "oWechatBuyer0000000000000001", unionid: "oUnion00000000000000000000001", nickname: "小王", headimgurl: "http://localhost:3000/sandbox/wechat/avatar/x.svg" };

  it("creates the buyer on first sign-in and finds the same one afterwards", async () => {
    const first = await upsertWechatBuyer(profile);
    const again = await upsertWechatBuyer(profile);
    expect(again).toEqual(first);
    expect(first).toMatchObject({ name: "小王", role: "BUYER" });
    const rows = await getDb().user.findMany({ where: { wechatOpenId: profile.openid } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ wechatUnionId: profile.unionid, avatarUrl: profile.headimgurl, email: null, passwordHash: null });
  });

  it("creates one buyer when two first sign-ins race", async () => {
    const p = { ...profile, openid: "oWechatBuyerRace000000000001" };
    const [a, b] = await Promise.all([upsertWechatBuyer(p), upsertWechatBuyer(p)]);
    expect(a.id).toBe(b.id);
  });

  it("refreshes nickname, avatar and unionid from WeChat on each sign-in", async () => {
    const p = { ...profile, openid: "oWechatBuyerRename0000000001" };
    const first = await upsertWechatBuyer(p);
    const second = await upsertWechatBuyer({ ...p, nickname: "  王先生  ", headimgurl: "", unionid: undefined });
    expect(second).toEqual({ ...first, name: "王先生" });
    expect(await getDb().user.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ name: "王先生", avatarUrl: null, wechatUnionId: null });
  });

  it("names a buyer with a blank nickname 'WeChat user'", async () => {
    expect(await upsertWechatBuyer({ ...profile, openid: "oWechatBuyerBlank00000000001", nickname: "   " })).toMatchObject({ name: "WeChat user" });
  });

  it("refuses a disabled buyer and leaves their record untouched", async () => {
    const p = { ...profile, openid: "oWechatBuyerDisabled00000001" };
    const buyer = await upsertWechatBuyer(p);
    await getDb().user.update({ where: { id: buyer.id }, data: { disabled: true } });
    await expectAppError(upsertWechatBuyer({ ...p, nickname: "new name" }), "FORBIDDEN");
    expect((await getDb().user.findUniqueOrThrow({ where: { id: buyer.id } })).name).toBe("小王");
  });
});

describe("password guessing", () => {
  it("refuses an address after too many wrong passwords, even with the right one, until the window passes", async () => {
    const { authenticateWithPassword, registerSeller, SIGN_IN_LIMIT } = await import("@/lib/auth/accounts");
    const { getDb } = await import("@/lib/db/client");
    const email = `guess-${Date.now()}@example.test`;
    await registerSeller({ name: "Guess", email, password: "correct-horse" });
    for (let i = 0; i < SIGN_IN_LIMIT.limit; i++) expect(await authenticateWithPassword(email, "wrong-password")).toBeNull();
    await expect(authenticateWithPassword(email, "correct-horse")).rejects.toMatchObject({ code: "RATE_LIMITED" });
    // Another address is unaffected.
    expect(await authenticateWithPassword(`other-${email}`, "whatever-else")).toBeNull();
    // Once the window has passed (simulated by moving its start back), the right password works and clears the count.
    await getDb().rateLimitBucket.updateMany({ where: { key: `signin:email:${email}` }, data: { windowStart: new Date(0) } });
    expect(await authenticateWithPassword(email, "correct-horse")).toMatchObject({ role: "SELLER" });
    expect(await getDb().rateLimitBucket.count({ where: { key: `signin:email:${email}` } })).toBe(0);
  });

  it("keeps the owner's browser signing in while strangers have locked the address out (device cookie)", async () => {
    const { authenticateWithPassword, registerSeller, SIGN_IN_LIMIT } = await import("@/lib/auth/accounts");
    const email = `owner-${Date.now()}@example.test`;
    await registerSeller({ name: "Owner", email, password: "correct-horse" });
    // The owner signed in once from this browser: it holds a device token for the address.
    const first = await authenticateWithPassword(email, "correct-horse");
    const device = first!.deviceToken;
    // Someone else guesses until the address is locked for every browser without one.
    for (let i = 0; i < SIGN_IN_LIMIT.limit; i++) expect(await authenticateWithPassword(email, "wrong-password")).toBeNull();
    await expect(authenticateWithPassword(email, "correct-horse")).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await authenticateWithPassword(email, "correct-horse", { deviceToken: device })).toMatchObject({ role: "SELLER", deviceToken: device });
    // The token is bound to its address, and cannot be forged.
    await expect(authenticateWithPassword(email, "correct-horse", { deviceToken: `${device.slice(0, 17)}${"A".repeat(43)}` })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    const other = `other-${email}`;
    await registerSeller({ name: "Other", email: other, password: "battery-staple" });
    const otherDevice = (await authenticateWithPassword(other, "battery-staple"))!.deviceToken;
    await expect(authenticateWithPassword(email, "correct-horse", { deviceToken: otherDevice })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    // A device's own guesses are limited too.
    for (let i = 0; i < SIGN_IN_LIMIT.limit; i++) expect(await authenticateWithPassword(email, "wrong-password", { deviceToken: device })).toBeNull();
    await expect(authenticateWithPassword(email, "correct-horse", { deviceToken: device })).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });
});

describe("per client address", () => {
  it("refuses sign-in from an address past its allowance, whatever the account, without touching the account's own count", async () => {
    const { authenticateWithPassword, registerSeller, SIGN_IN_ADDRESS_LIMIT } = await import("@/lib/auth/accounts");
    const { hitRateLimit } = await import("@/lib/api/rate-limit");
    const email = `spray-${Date.now()}@example.test`;
    await registerSeller({ name: "Spray", email, password: "correct-horse" });
    const ip = "203.0.113.7";
    // One guess at each of many accounts from this address (what a spraying script does) …
    for (let i = 0; i < SIGN_IN_ADDRESS_LIMIT.limit - 1; i++) await hitRateLimit(`signin:ip:${ip}`, SIGN_IN_ADDRESS_LIMIT);
    expect(await authenticateWithPassword(`nobody-${Date.now()}@example.test`, "guess-1234", { clientIp: ip })).toBeNull();
    // … until the address is refused, even with a right password.
    await expect(authenticateWithPassword(email, "correct-horse", { clientIp: ip })).rejects.toMatchObject({ code: "RATE_LIMITED", details: { retryAfterSeconds: expect.any(Number) } });
    expect(await getDb().rateLimitBucket.count({ where: { key: `signin:email:${email}` } })).toBe(0);
    // The account's owner elsewhere signs in.
    expect(await authenticateWithPassword(email, "correct-horse", { clientIp: "198.51.100.20" })).toMatchObject({ role: "SELLER" });
  });

  it("refuses new accounts from an address past its hourly allowance and creates nothing", async () => {
    const { registerSeller, SIGN_UP_ADDRESS_LIMIT } = await import("@/lib/auth/accounts");
    const ip = "2001:db8::42";
    for (let i = 0; i < SIGN_UP_ADDRESS_LIMIT.limit; i++) await registerSeller({ name: `S${i}`, email: `signup-${i}-${Date.now()}@example.test`, password: "long enough" }, { clientIp: ip });
    const email = `signup-over-${Date.now()}@example.test`;
    await expectAppError(registerSeller({ name: "Over", email, password: "long enough" }, { clientIp: ip }), "RATE_LIMITED");
    expect(await getDb().user.count({ where: { email } })).toBe(0);
    expect(await registerSeller({ name: "Elsewhere", email, password: "long enough" }, { clientIp: "2001:db8::43" })).toMatchObject({ role: "SELLER" });
    // Bad input is refused as such, without counting against the address.
    await expectAppError(registerSeller({ name: "", email: "not-an-email", password: "x" }, { clientIp: "2001:db8::44" }), "VALIDATION");
    expect(await getDb().rateLimitBucket.count({ where: { key: "signup:ip:2001:db8::44" } })).toBe(0);
  });
});

