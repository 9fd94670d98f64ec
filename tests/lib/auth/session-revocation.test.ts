// Revocable sessions: a session token minted before a sign-out, a suspension (or a password
// change: password-change.test.ts) is refused afterwards — by next-auth's own session endpoint
// and by getActor, which every page, action and route uses — for sellers and WeChat buyers,
// and on other app instances once they hear of it through NOTIFY.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { registerSeller } from "@/lib/auth/accounts";
import { setAccountDisabled } from "@/lib/auth/account-status";
import { getAuthOptions, SessionEndedError } from "@/lib/auth/options";
import { getActor } from "@/lib/auth/session";
import { clearSessionStateCacheForTests, endSessions, SESSION_STATE_TTL_MS, sessionStateOf } from "@/lib/auth/session-state";
import { CACHE_CHANNEL, invalidationPayloads, tags } from "@/lib/cache";
import { startCacheSync } from "@/lib/cache-sync";
import { getDb, getPglite } from "@/lib/db/client";
import { pgChannelSource, pgliteChannelSource } from "@/lib/db/listen";
import { env } from "@/lib/env";
import { createSandboxUser } from "@/lib/sandbox/wechat-oauth/users";
import { useTestDatabase } from "../../support/db";
import { actorFor, createUser } from "../../support/fixtures";
import { browser, consent } from "../../support/next-auth-browser";
import { sandboxFetch } from "../../support/wechat-sandbox";
import { waitFor } from "../notifications/support";

// getServerSession outside a Next request: what next-auth's session action answers for the
// current browser's cookies (getServerSession runs that same action).
let current: ReturnType<typeof browser> | null = null;
vi.mock(import("next-auth"), async (original) => ({
  ...(await original()),
  getServerSession: (async () => {
    const s = current ? await current.session() : null;
    return s && Object.keys(s).length ? s : null;
  }) as never,
}));

useTestDatabase();

beforeAll(() => {
  vi.stubGlobal("fetch", sandboxFetch);
});
afterAll(() => {
  vi.unstubAllGlobals();
});

/** getActor() as a request carrying `b`'s cookies sees it. */
async function actorIn(b: ReturnType<typeof browser>) {
  current = b;
  try {
    return await getActor();
  } finally {
    current = null;
  }
}

let n = 0;
async function signedInSeller() {
  const email = `revoke-${++n}@example.test`;
  const seller = await registerSeller({ name: `Seller ${n}`, email, password: "long enough" });
  const b = browser();
  expect((await b.signInWithPassword(email, "long enough")).redirect).toBe(`${env().APP_URL}/seller`);
  return { seller, email, b };
}

describe("signing out", () => {
  it("ends the session everywhere: a copy of the token taken before is refused after", async () => {
    const { seller, b } = await signedInSeller();
    const stolen = b.copy();
    expect((await stolen.session()).user?.id).toBe(seller.id);
    expect((await actorIn(stolen))?.userId).toBe(seller.id);

    await b.signOut();
    expect((await b.session()).user).toBeUndefined();
    expect((await stolen.session()).user).toBeUndefined();
    expect(await actorIn(stolen)).toBeNull();
    expect((await getDb().user.findUniqueOrThrow({ where: { id: seller.id } })).sessionVersion).toBe(1);
  });

  it("ends the account's sessions in other browsers too, and a new sign-in works", async () => {
    const { seller, email, b } = await signedInSeller();
    const other = browser();
    await other.signInWithPassword(email, "long enough");
    await b.signOut();
    expect((await other.session()).user).toBeUndefined();
    expect(await actorIn(other)).toBeNull();

    await other.signInWithPassword(email, "long enough");
    expect((await other.session()).user?.id).toBe(seller.id);
    expect((await actorIn(other))?.userId).toBe(seller.id);
  });

  it("with an already-ended token, does not end the newer sessions", async () => {
    const { seller, email, b } = await signedInSeller();
    const old = b.copy();
    await b.signOut();
    await b.signInWithPassword(email, "long enough");
    await old.signOut(); // the old cookie, sent to the sign-out endpoint
    expect((await b.session()).user?.id).toBe(seller.id);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: seller.id } })).sessionVersion).toBe(1);
  });

  it("ends a WeChat buyer's sessions, and the buyer's next sign-in carries the new version", async () => {
    const sandboxUser = await createSandboxUser({ nickname: "会话买家" });
    const signIn = async () => {
      const b = browser();
      await b.callback(await consent(await b.startWechat("/"), { decision: "allow", user: sandboxUser.openid }));
      return b;
    };
    const first = await signIn();
    const buyerId = (await first.session()).user!.id!;
    expect((await actorIn(first))?.role).toBe("BUYER");
    const stolen = first.copy();
    await first.signOut();
    expect((await stolen.session()).user).toBeUndefined();
    expect(await actorIn(stolen)).toBeNull();

    const again = await signIn();
    expect((await again.session()).user?.id).toBe(buyerId);
    expect((await actorIn(again))?.userId).toBe(buyerId);
  });
});

describe("suspending an account", () => {
  it("ends its sessions at once, and they stay ended when the suspension is lifted", async () => {
    const { seller, email, b } = await signedInSeller();
    const admin = await actorFor((await createUser("ADMIN")).id);
    await setAccountDisabled(admin, { userId: seller.id, disabled: true });
    expect((await b.session()).user).toBeUndefined();
    expect(await actorIn(b)).toBeNull();
    expect((await browser().signInWithPassword(email, "long enough")).redirect).toMatch(/error=CredentialsSignin/);

    await setAccountDisabled(admin, { userId: seller.id, disabled: false });
    expect((await b.session()).user).toBeUndefined();
    const fresh = browser();
    await fresh.signInWithPassword(email, "long enough");
    expect((await actorIn(fresh))?.userId).toBe(seller.id);
  });

  it("is for admins only (404 for anyone else), never of oneself, and 404 for no such account", async () => {
    const { seller } = await signedInSeller();
    const adminRow = await createUser("ADMIN");
    const admin = await actorFor(adminRow.id);
    await expect(setAccountDisabled(await actorFor(seller.id), { userId: adminRow.id, disabled: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setAccountDisabled(null, { userId: adminRow.id, disabled: true })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(setAccountDisabled(admin, { userId: adminRow.id, disabled: true })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(setAccountDisabled(admin, { userId: "no-such-user", disabled: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: adminRow.id } })).disabled).toBe(false);
  });
});

describe("the session check's cache", () => {
  it("is exact in getActor even while this instance's cache has not heard of a bump", async () => {
    const { seller, b } = await signedInSeller();
    expect((await actorIn(b))?.userId).toBe(seller.id); // cached: version 0
    // Another instance ended the sessions; its message has not arrived here.
    await getDb().user.update({ where: { id: seller.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await actorIn(b)).toBeNull();
  });

  it("keeps what it read for the TTL, unless the user's sessions changed here", async () => {
    const { seller } = await signedInSeller();
    clearSessionStateCacheForTests();
    const t0 = Date.now();
    expect(await sessionStateOf(seller.id, t0)).toEqual({ version: 0, disabled: false });
    await getDb().user.update({ where: { id: seller.id }, data: { sessionVersion: 5 } });
    expect((await sessionStateOf(seller.id, t0 + 1))!.version).toBe(0);
    expect((await sessionStateOf(seller.id, t0 + SESSION_STATE_TTL_MS))!.version).toBe(5);
    expect(await endSessions(seller.id)).toBe(6);
    expect((await sessionStateOf(seller.id, t0 + SESSION_STATE_TTL_MS + 1))!.version).toBe(6);
    expect(await endSessions(seller.id, { ifVersion: 3 })).toBeNull();
  });

  it("is dropped on this instance when another instance's bump is broadcast (NOTIFY)", async () => {
    const url = env().DATABASE_URL;
    const source = url
      ? pgChannelSource(url, { channel: CACHE_CHANNEL, applicationName: "little-store-session-sync-test" })
      : pgliteChannelSource(async () => (await getPglite())!, CACHE_CHANNEL);
    const sync = startCacheSync(source);
    try {
      await sync.ready;
      const { seller } = await signedInSeller();
      expect((await sessionStateOf(seller.id))!.version).toBe(0);
      // What endSessions() on another instance does: the bump, then its broadcast.
      await getDb().user.update({ where: { id: seller.id }, data: { sessionVersion: 1 } });
      expect((await sessionStateOf(seller.id))!.version).toBe(0); // still cached
      for (const payload of invalidationPayloads([tags.sessions(seller.id)], "another-instance")) await getDb().$executeRaw`SELECT pg_notify(${CACHE_CHANNEL}, ${payload})`;
      await waitFor(async () => (await sessionStateOf(seller.id))!.version === 1, SESSION_STATE_TTL_MS - 1_000, "the broadcast");
    } finally {
      await sync.stop();
    }
  });
});

describe("next-auth's log", () => {
  it("leaves out ended sessions (an expected answer) and keeps other errors", () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (written.push(String(chunk)), true));
    try {
      const { name, message } = new SessionEndedError();
      getAuthOptions().logger!.error!("JWT_SESSION_ERROR", { name, message } as never);
      expect(written).toEqual([]);
      getAuthOptions().logger!.error!("JWT_SESSION_ERROR", { name: "JWEDecryptionFailed", message: "bad" } as never);
      expect(written.join("")).toContain("JWT_SESSION_ERROR");
    } finally {
      spy.mockRestore();
    }
  });
});
