// The notification centre: a user's own list (newest first, cursor paging, unread filter),
// the unread badge, marking read — strictly their own (anyone else's is 404, like one that
// does not exist) — and the mute settings. The actions are called as each kind of user
// (only the session is mocked).
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { notifyUsers } from "@/lib/notifications/notify";
import { getMyMuteSettings, setMyMutedKinds } from "@/lib/notifications/mutes";
import { countMyUnread, getMyNotificationSummary, listMyNotifications } from "@/lib/notifications/queries";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/notifications/read";
import { useTestDatabase } from "../../support/db";
import { actorFor, authWorld, createUser } from "../../support/fixtures";

useTestDatabase();

const current = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock(import("@/lib/auth/session"), async (original) => ({ ...(await original()), getActor: async () => current.actor }));
const { markAllNotificationsReadAction, markNotificationReadAction, saveNotificationSettingsAction } = await import("@/lib/notifications/actions");

let w: Awaited<ReturnType<typeof authWorld>>;
beforeAll(async () => {
  w = await authWorld();
});

async function codeOf(p: Promise<unknown>) {
  const e = await p.then(() => null, (x) => x);
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${e}`);
  return e.code;
}

async function give(userId: string, n: number, kind: "ORDER_PAID" | "ORDER_SHIPPED" = "ORDER_PAID"): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    await getDb().$transaction((tx) => notifyUsers(tx, [userId], { kind, params: { orderNo: `N${i}` }, link: `/x/${i}` }));
    ids.push((await getDb().notification.findFirstOrThrow({ where: { userId }, orderBy: { id: "desc" }, select: { id: true } })).id.toString());
  }
  return ids;
}

async function as<T>(actor: Actor | null, call: () => Promise<T>): Promise<T> {
  current.actor = actor;
  try {
    return await call();
  } finally {
    current.actor = null;
  }
}

describe("listing", () => {
  it("pages through the user's own notifications newest first, and filters the unread", async () => {
    const seller = await actorFor((await createUser("SELLER")).id);
    const ids = await give(seller.userId, 7);
    await give(w.sellerB.userId, 2); // someone else's never show
    const first = await listMyNotifications(seller, { limit: 3 });
    expect(first.items.map((n) => n.id)).toEqual([ids[6], ids[5], ids[4]]);
    expect(first.items[0]).toMatchObject({ kind: "ORDER_PAID", params: { orderNo: "N6" }, link: "/x/6", readAt: null });
    const second = await listMyNotifications(seller, { limit: 3, before: first.nextCursor! });
    expect(second.items.map((n) => n.id)).toEqual([ids[3], ids[2], ids[1]]);
    const last = await listMyNotifications(seller, { limit: 3, before: second.nextCursor! });
    expect(last.items.map((n) => n.id)).toEqual([ids[0]]);
    expect(last.nextCursor).toBeNull();

    await markNotificationRead(seller, { id: ids[5] });
    await markNotificationRead(seller, { id: ids[2] });
    const unread = await listMyNotifications(seller, { unreadOnly: true });
    expect(unread.items.map((n) => n.id)).toEqual([ids[6], ids[4], ids[3], ids[1], ids[0]]);
    expect(await countMyUnread(seller)).toBe(5);
    expect(await getMyNotificationSummary(seller)).toEqual({ unread: 5, latestId: ids[6] });
    expect(await getMyNotificationSummary(await actorFor((await createUser("BUYER")).id))).toEqual({ unread: 0, latestId: "0" });
  });

  it("rejects a malformed cursor and an anonymous caller", async () => {
    expect(await codeOf(listMyNotifications(w.buyer, { before: "abc" }))).toBe("VALIDATION");
    // Ids past Postgres's bigint are invalid, not a failed query (they were a 500).
    expect(await codeOf(listMyNotifications(w.buyer, { before: "9999999999999999999" }))).toBe("VALIDATION");
    expect(await codeOf(markNotificationRead(w.buyer, { id: "9223372036854775808" }))).toBe("VALIDATION");
    expect(await codeOf(markNotificationRead(w.buyer, { id: "9223372036854775807" }))).toBe("NOT_FOUND");
    expect(await codeOf(listMyNotifications(null))).toBe("UNAUTHENTICATED");
    expect(await codeOf(countMyUnread(null))).toBe("UNAUTHENTICATED");
  });
});

describe("marking read", () => {
  it("marks the user's own notification read, once, and treats anyone else's as not found", async () => {
    const [mine] = await give(w.buyer.userId, 1, "ORDER_SHIPPED");
    for (const stranger of [w.sellerA, w.sellerB, w.admin, await actorFor((await createUser("BUYER")).id)]) {
      expect(await codeOf(markNotificationRead(stranger, { id: mine }))).toBe("NOT_FOUND");
    }
    expect(await codeOf(markNotificationRead(null, { id: mine }))).toBe("UNAUTHENTICATED");
    expect(await codeOf(markNotificationRead(w.buyer, { id: "999999999999" }))).toBe("NOT_FOUND");
    expect(await codeOf(markNotificationRead(w.buyer, { id: "1; DROP TABLE" }))).toBe("VALIDATION");
    expect((await getDb().notification.findUniqueOrThrow({ where: { id: BigInt(mine) } })).readAt).toBeNull();

    await markNotificationRead(w.buyer, { id: mine });
    const readAt = (await getDb().notification.findUniqueOrThrow({ where: { id: BigInt(mine) } })).readAt;
    expect(readAt).not.toBeNull();
    await markNotificationRead(w.buyer, { id: mine }); // again: fine, and the first time stands
    expect((await getDb().notification.findUniqueOrThrow({ where: { id: BigInt(mine) } })).readAt).toEqual(readAt);
  });

  it("marks all read up to the newest one seen, leaving later arrivals and other users' alone", async () => {
    const admin = await actorFor((await createUser("ADMIN")).id);
    const seen = await give(admin.userId, 3);
    const later = await give(admin.userId, 1);
    await give(w.admin.userId, 2);
    const othersBefore = await countMyUnread(w.admin);
    expect(await markAllNotificationsRead(admin, { upTo: seen[2] })).toEqual({ count: 3 });
    const rows = await getDb().notification.findMany({ where: { userId: admin.userId }, orderBy: { id: "asc" }, select: { id: true, readAt: true } });
    expect(rows.filter((r) => r.readAt === null).map((r) => r.id.toString())).toEqual(later);
    expect(await countMyUnread(w.admin)).toBe(othersBefore);
    expect(await markAllNotificationsRead(admin)).toEqual({ count: 1 });
    expect(await countMyUnread(admin)).toBe(0);
  });

  it("answers each caller of the actions by the same rules", async () => {
    const [mine] = await give(w.sellerA.userId, 1);
    expect(await as(null, () => markNotificationReadAction({ id: mine }))).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await as(w.sellerB, () => markNotificationReadAction({ id: mine }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await as(w.buyer, () => markNotificationReadAction({ id: mine }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await as(w.admin, () => markNotificationReadAction({ id: mine }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await as(w.sellerA, () => markNotificationReadAction({ id: "x" }))).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await as(w.sellerA, () => markNotificationReadAction({ id: mine }))).toEqual({ ok: true, data: null });
    await give(w.sellerA.userId, 2);
    expect(await as(w.sellerB, () => markAllNotificationsReadAction({}))).toMatchObject({ ok: true });
    expect(await countMyUnread(w.sellerA)).toBeGreaterThanOrEqual(2);
    expect(await as(w.sellerA, () => markAllNotificationsReadAction({}))).toMatchObject({ ok: true });
    expect(await countMyUnread(w.sellerA)).toBe(0);
  });
});

describe("mute settings", () => {
  it("shows each role its own kinds, with which can be turned off", async () => {
    const buyer = await getMyMuteSettings(w.buyer);
    expect(buyer.map((s) => s.kind)).toEqual(["ORDER_SHIPPED", "BUYER_REFUND_SETTLED", "CASE_UPDATED", "EVIDENCE_REQUESTED"]);
    expect(buyer.find((s) => s.kind === "EVIDENCE_REQUESTED")).toEqual({ kind: "EVIDENCE_REQUESTED", mutable: false, muted: false });
    const seller = await getMyMuteSettings(w.sellerA);
    expect(seller.map((s) => s.kind)).toContain("LOW_STOCK");
    expect(seller.map((s) => s.kind)).not.toContain("ADMIN_NEW_APPLICATION");
    expect(await codeOf(getMyMuteSettings(null))).toBe("UNAUTHENTICATED");
  });

  it("mutes and unmutes the user's kinds only, refusing kinds that must arrive or belong to another role", async () => {
    const seller = await actorFor((await createUser("SELLER")).id);
    expect(await setMyMutedKinds(seller, { muted: ["LOW_STOCK", "ORDER_PAID", "LOW_STOCK"] })).toEqual({ muted: ["LOW_STOCK", "ORDER_PAID"] });
    expect((await getMyMuteSettings(seller)).filter((s) => s.muted).map((s) => s.kind)).toEqual(["ORDER_PAID", "LOW_STOCK"]);
    expect(await codeOf(setMyMutedKinds(seller, { muted: ["REFUND_ABNORMAL"] }))).toBe("VALIDATION"); // must arrive
    expect(await codeOf(setMyMutedKinds(seller, { muted: ["ORDER_SHIPPED"] }))).toBe("VALIDATION"); // a buyer's kind
    expect(await codeOf(setMyMutedKinds(seller, { muted: ["NOPE"] }))).toBe("VALIDATION");
    // A refused change changes nothing.
    expect((await getMyMuteSettings(seller)).filter((s) => s.muted).map((s) => s.kind)).toEqual(["ORDER_PAID", "LOW_STOCK"]);
    // Another user's settings are untouched by this one's.
    expect((await getMyMuteSettings(w.sellerB)).some((s) => s.muted)).toBe(false);

    // Muted kinds are not created; unmuted ones are again.
    await getDb().$transaction((tx) => notifyUsers(tx, [seller.userId, w.sellerB.userId], { kind: "LOW_STOCK", params: {}, link: "/s" }));
    expect(await getDb().notification.count({ where: { userId: seller.userId, kind: "LOW_STOCK" } })).toBe(0);
    await setMyMutedKinds(seller, { muted: ["ORDER_PAID"] });
    await getDb().$transaction((tx) => notifyUsers(tx, [seller.userId], { kind: "LOW_STOCK", params: {}, link: "/s" }));
    expect(await getDb().notification.count({ where: { userId: seller.userId, kind: "LOW_STOCK" } })).toBe(1);
  });

  it("never lets a stray mute silence a kind that must arrive", async () => {
    const seller = await actorFor((await createUser("SELLER")).id);
    await getDb().notificationMute.create({ data: { userId: seller.userId, kind: "REFUND_ABNORMAL" } });
    await getDb().$transaction((tx) => notifyUsers(tx, [seller.userId], { kind: "REFUND_ABNORMAL", params: {}, link: "/s" }));
    expect(await getDb().notification.count({ where: { userId: seller.userId, kind: "REFUND_ABNORMAL" } })).toBe(1);
    expect((await getMyMuteSettings(seller)).find((s) => s.kind === "REFUND_ABNORMAL")?.muted).toBe(false);
  });

  it("saves the settings form: kinds left on are enabled, the rest muted; what was chosen comes back on failure", async () => {
    const buyer = await actorFor((await createUser("BUYER")).id);
    const fd = new FormData();
    fd.append("enabled[]", "CASE_UPDATED");
    expect(await as(buyer, () => saveNotificationSettingsAction(null, fd))).toMatchObject({ ok: true, data: { muted: ["ORDER_SHIPPED", "BUYER_REFUND_SETTLED"] } });
    expect((await getMyMuteSettings(buyer)).filter((s) => s.muted).map((s) => s.kind)).toEqual(["ORDER_SHIPPED", "BUYER_REFUND_SETTLED"]);
    expect(await as(buyer, () => saveNotificationSettingsAction(null, new FormData()))).toMatchObject({ ok: true });
    expect((await getMyMuteSettings(buyer)).filter((s) => s.muted).map((s) => s.kind)).toEqual(["ORDER_SHIPPED", "BUYER_REFUND_SETTLED", "CASE_UPDATED"]);
    expect(await as(null, () => saveNotificationSettingsAction(null, fd))).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });
});

describe("rendering the centre", () => {
  it("parses the page's query safely", async () => {
    const { parseCentreQuery } = await import("@/components/notifications/notification-centre-page");
    expect(parseCentreQuery({ filter: "unread", before: "42" })).toEqual({ filter: "unread", before: "42" });
    expect(parseCentreQuery({ filter: ["unread", "all"], before: "0" })).toEqual({ filter: "unread", before: undefined });
    expect(parseCentreQuery({ filter: "x", before: "1 OR 1=1" })).toEqual({ filter: "all", before: undefined });
  });
});
