// The SSE route: it sends the signed-in user's notifications (theirs only) and the unread
// count live; a page that (re)connects gets everything after its Last-Event-ID from the
// database first — including one that committed late with a lower id — then live ones.
// Only the session is mocked.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { closeNotificationHub, notificationHub } from "@/lib/notifications/listener";
import { NOTIFY_CHANNEL, notifyUsers } from "@/lib/notifications/notify";
import { markNotificationRead } from "@/lib/notifications/read";
import { CATCH_UP_MAX, MAX_STREAMS_PER_USER } from "@/lib/notifications/stream";
import { useTestDatabase } from "../../support/db";
import { actorFor, createUser } from "../../support/fixtures";
import { sseReader, waitFor } from "./support";

useTestDatabase();

const current = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock(import("@/lib/auth/session"), async (original) => ({ ...(await original()), getActor: async () => current.actor }));
const { GET } = await import("@/app/api/notifications/stream/route");

afterAll(() => closeNotificationHub());

let me: Actor, other: Actor;
beforeAll(async () => {
  me = await actorFor((await createUser("BUYER")).id);
  other = await actorFor((await createUser("BUYER")).id);
});

async function notify(userId: string, orderNo: string): Promise<string> {
  await getDb().$transaction((tx) => notifyUsers(tx, [userId], { kind: "ORDER_SHIPPED", params: { orderNo }, link: `/orders/${orderNo}` }));
  const row = await getDb().notification.findFirstOrThrow({ where: { userId }, orderBy: { id: "desc" }, select: { id: true } });
  return row.id.toString();
}

/** Opens the stream as `actor` the way a browser does; abort() is the page going away. */
async function connect(actor: Actor | null, opts: { header?: string; query?: string } = {}) {
  current.actor = actor;
  const ac = new AbortController();
  const url = `http://localhost/api/notifications/stream${opts.query !== undefined ? `?lastEventId=${opts.query}` : ""}`;
  const res = await GET(new Request(url, { signal: ac.signal, headers: opts.header !== undefined ? { "Last-Event-ID": opts.header } : {} }));
  current.actor = null;
  return { res, ac, sse: res.ok && res.body ? sseReader(res.body) : null };
}

/**
 * Makes the user's notifications so far old and minutes apart: beyond the late-commit
 * look-back (a reconnecting page is re-sent the last minute before its last event id, in
 * case one of those committed late), so exactly what follows the last event id is due.
 */
async function backdate(userId: string) {
  await getDb().$executeRaw`
    UPDATE "Notification" n SET "createdAt" = now() - interval '10 minutes' - (r.rank * interval '2 minutes')
    FROM (SELECT id, rank() OVER (ORDER BY id DESC) AS rank FROM "Notification" WHERE "userId" = ${userId}) r
    WHERE n.id = r.id`;
}

describe("the notification stream", () => {
  it("refuses a visitor who is not signed in", async () => {
    const { res } = await connect(null);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  });

  it("catches up from Last-Event-ID, then sends live ones and the unread count — the user's own only — and cleans up on disconnect", async () => {
    const n1 = await notify(me.userId, "A1");
    const n2 = await notify(me.userId, "A2");
    await backdate(me.userId);
    const n3 = await notify(me.userId, "A3");
    const n4 = await notify(me.userId, "A4");
    const hub = notificationHub();
    const { res, ac, sse } = await connect(me, { header: n2, query: n1 }); // the header wins over the query
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    expect(res.headers.get("cache-control")).toContain("no-transform");
    await sse!.until((ev) => ev.some((e) => e.event === "unread"));
    expect(sse!.notifications()).toEqual([n3, n4]);
    expect(sse!.events.find((e) => e.id === n3)?.data).toMatchObject({ id: n3, kind: "ORDER_SHIPPED", params: { orderNo: "A3" }, link: "/orders/A3", readAt: null });
    expect(sse!.events.find((e) => e.event === "unread")?.data).toEqual({ count: 4 });

    // Someone else's notification is not sent; the user's next one is, with the new count.
    await notify(other.userId, "B1");
    const n5 = await notify(me.userId, "A5");
    await sse!.until(() => sse!.notifications().includes(n5));
    expect(sse!.notifications()).toEqual([n3, n4, n5]);
    await sse!.until((ev) => ev.some((e) => e.event === "unread" && (e.data as { count: number }).count === 5));

    // Reading one (on any page) updates the badge of every open stream.
    await markNotificationRead(me, { id: n1 });
    await sse!.until((ev) => ev.some((e) => e.event === "unread" && (e.data as { count: number }).count === 4));

    expect(hub.size).toBe(1);
    ac.abort();
    await sse!.closed();
    await waitFor(() => hub.size === 0, 2_000, "the stream to unsubscribe");
    expect(sse!.notifications()).toEqual([n3, n4, n5]); // nothing twice
  });

  it("starts after ?lastEventId when the browser sends no header (first connect)", async () => {
    const user = await actorFor((await createUser("SELLER")).id);
    const a = await notify(user.userId, "C1");
    await backdate(user.userId);
    const b = await notify(user.userId, "C2");
    const { ac, sse } = await connect(user, { query: a });
    await sse!.until((ev) => ev.some((e) => e.event === "unread"));
    expect(sse!.notifications()).toEqual([b]);
    ac.abort();
  });

  it("delivers a notification that commits late with a lower id, both live and to a page reconnecting after it", async () => {
    const user = await actorFor((await createUser("BUYER")).id);
    const db = getDb();
    // Transaction T1 takes an id and is still running while T2 takes the next one and commits.
    const reserve = async () => (await db.$queryRaw<{ id: bigint }[]>`SELECT nextval(pg_get_serial_sequence('"Notification"', 'id')) AS id`)[0].id;
    const commitLate = async (id: bigint, orderNo: string) =>
      db.$transaction(async (tx) => {
        await tx.notification.create({ data: { id, userId: user.userId, kind: "ORDER_SHIPPED", params: { orderNo }, link: `/orders/${orderNo}` } });
        await tx.$executeRaw`SELECT pg_notify(${NOTIFY_CHANNEL}, ${user.userId})`;
      });

    // Live: the page already got the higher id when the lower one commits.
    const { ac, sse } = await connect(user, { query: "0" });
    await sse!.until((ev) => ev.some((e) => e.event === "unread"));
    const late = await reserve();
    const early = await notify(user.userId, "D2");
    await sse!.until(() => sse!.notifications().includes(early));
    await commitLate(late, "D1");
    await sse!.until(() => sse!.notifications().includes(late.toString()));
    expect(sse!.notifications()).toEqual([early, late.toString()]);
    ac.abort();

    // Reconnecting: the page had the higher id; the lower one committed while it was away.
    const late2 = await reserve();
    const early2 = await notify(user.userId, "D4");
    await commitLate(late2, "D3");
    const again = await connect(user, { header: early2 });
    await again.sse!.until((ev) => ev.some((e) => e.event === "unread"));
    expect(again.sse!.notifications()).toContain(late2.toString());
    expect(again.sse!.notifications()).not.toContain(early2);
    again.ac.abort();
  });

  it("replays at most CATCH_UP_MAX to a page that was away for long, and tells it to reload", async () => {
    const user = await actorFor((await createUser("BUYER")).id);
    const first = await notify(user.userId, "E0");
    await getDb().notification.createMany({
      data: Array.from({ length: CATCH_UP_MAX + 5 }, (_, i) => ({ userId: user.userId, kind: "ORDER_SHIPPED", params: { orderNo: `E${i + 1}` }, link: "/orders/e" })),
    });
    const { ac, sse } = await connect(user, { header: first });
    await sse!.until((ev) => ev.some((e) => e.event === "unread"));
    expect(sse!.events.some((e) => e.event === "resync")).toBe(true);
    const ids = sse!.notifications();
    expect(ids).toHaveLength(CATCH_UP_MAX);
    const newest = await getDb().notification.findFirstOrThrow({ where: { userId: user.userId }, orderBy: { id: "desc" }, select: { id: true } });
    expect(ids[ids.length - 1]).toBe(newest.id.toString());
    // What was cut is not slipped in later as "late" ones: the page reloads its list instead.
    const next = await notify(user.userId, "E-next");
    await sse!.until(() => sse!.notifications().includes(next));
    expect(sse!.notifications()).toHaveLength(CATCH_UP_MAX + 1);
    ac.abort();
  });
});

describe("open streams per user", () => {
  it("refuses one more than a user may hold open with 429 and Retry-After, and takes a new one once another closes", async () => {
    const heavy = await actorFor((await createUser("BUYER")).id);
    const open = [];
    for (let i = 0; i < MAX_STREAMS_PER_USER; i++) {
      const c = await connect(heavy);
      expect(c.res.status).toBe(200);
      open.push(c);
    }
    const refused = await connect(heavy);
    expect(refused.res.status).toBe(429);
    expect(await refused.res.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
    expect(Number(refused.res.headers.get("retry-after"))).toBeGreaterThan(0);
    // Someone else is not affected.
    const theirs = await connect(other);
    expect(theirs.res.status).toBe(200);
    theirs.ac.abort();
    // A tab goes away: its place is free again.
    open.pop()!.ac.abort();
    const again = await connect(heavy);
    expect(again.res.status).toBe(200);
    for (const c of [...open, again]) c.ac.abort();
  });
});

