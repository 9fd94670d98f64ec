// The live fan-out across app instances: every instance keeps one listener on the
// "notifications" channel, and a notification committed through any connection reaches
// all of them — at commit, never for a rolled-back transaction. On real Postgres each
// "instance" is its own pg connection doing LISTEN; on PGlite, two listeners in-process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, getPglite } from "@/lib/db/client";
import { env } from "@/lib/env";
import { NotificationHub, pgListenSource, pgliteListenSource, type ListenSource } from "@/lib/notifications/listener";
import { notifyUsers } from "@/lib/notifications/notify";
import { useTestDatabase } from "../../support/db";
import { createUser } from "../../support/fixtures";
import { waitFor } from "./support";

useTestDatabase();

const postgres = () => !!env().DATABASE_URL;
function source(): ListenSource {
  const url = env().DATABASE_URL;
  return url ? pgListenSource(url, { maxBackoffMs: 200, healthCheckMs: 500 }) : pgliteListenSource(async () => (await getPglite())!);
}

let hubs: NotificationHub[] = [];
afterAll(async () => {
  await Promise.all(hubs.map((h) => h.close()));
});

/** A hub ("an app instance") recording every signal per user. */
async function instance(userIds: string[]) {
  const hub = new NotificationHub(source());
  hubs.push(hub);
  const heard: string[] = [];
  for (const u of userIds) await hub.subscribe(u, () => heard.push(u));
  return { hub, heard };
}

const note = { kind: "ORDER_SHIPPED" as const, params: { orderNo: "1" }, link: "/orders/x" };

let alice: string, bob: string, marker: string;
beforeAll(async () => {
  [alice, bob, marker] = (await Promise.all([createUser("BUYER"), createUser("BUYER"), createUser("BUYER")])).map((u) => u.id);
});

describe("notification fan-out", () => {
  it("delivers a notification committed by another connection to every instance's listener, once, at commit", async () => {
    const a = await instance([alice, bob]);
    const b = await instance([alice]);
    // Written through the app's own pool: a third connection on Postgres.
    let inside: string[] = [];
    await getDb().$transaction(async (tx) => {
      await notifyUsers(tx, [alice], note);
      await new Promise((r) => setTimeout(r, 50));
      inside = [...a.heard, ...b.heard];
    });
    expect(inside).toEqual([]); // nothing before commit
    await waitFor(() => a.heard.length === 1 && b.heard.length === 1);
    expect(a.heard).toEqual([alice]);
    expect(b.heard).toEqual([alice]);
  });

  it("says nothing for a rolled-back transaction", async () => {
    const a = await instance([bob, marker]);
    const b = await instance([bob, marker]);
    await expect(
      getDb().$transaction(async (tx) => {
        await notifyUsers(tx, [bob], note);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    // Notifications arrive in commit order: once a later one is here, the earlier would have been.
    await getDb().$transaction((tx) => notifyUsers(tx, [marker], note));
    await waitFor(() => a.heard.includes(marker) && b.heard.includes(marker));
    expect(a.heard).toEqual([marker]);
    expect(b.heard).toEqual([marker]);
    expect(await getDb().notification.count({ where: { userId: bob } })).toBe(0);
  });

  it("fans out only to the subscribers of the notified user, and stops after unsubscribing", async () => {
    const hub = new NotificationHub(source());
    hubs.push(hub);
    const heard: string[] = [];
    const offAlice = await hub.subscribe(alice, () => heard.push("alice"));
    await hub.subscribe(bob, () => heard.push("bob"));
    await hub.subscribe(marker, () => heard.push("marker"));
    expect(hub.size).toBe(3);
    offAlice();
    expect(hub.size).toBe(2);
    await getDb().$transaction((tx) => notifyUsers(tx, [alice, bob], note));
    await getDb().$transaction((tx) => notifyUsers(tx, [marker], note));
    await waitFor(() => heard.includes("marker"));
    expect(heard).toEqual(["bob", "marker"]);
  });

  // On Postgres the listener holds its own connection, which can drop; embedded PGlite has
  // no connection to lose, so there the same test checks it keeps delivering, many times over.
  it(postgres() ? "reconnects when its connection drops, and tells subscribers to re-read" : "keeps delivering, notification after notification, from the embedded database", async () => {
    const hub = new NotificationHub(source());
    hubs.push(hub);
    const heard: string[] = [];
    await hub.subscribe(alice, () => heard.push("alice"));
    await getDb().$transaction((tx) => notifyUsers(tx, [alice], note));
    await waitFor(() => heard.length === 1);
    if (!postgres()) {
      for (let i = 0; i < 20; i++) await getDb().$transaction((tx) => notifyUsers(tx, [alice], note));
      await waitFor(() => heard.length === 21);
      return;
    }
    // The database drops the listening session (a failover, an idle-connection reaper…).
    const killed = await getDb().$queryRaw<{ n: bigint }[]>`
      SELECT count(pg_terminate_backend(pid))::bigint AS n FROM pg_stat_activity
      WHERE application_name = 'little-store-notifications' AND datname = current_database()`;
    expect(Number(killed[0].n)).toBeGreaterThan(0);
    // It comes back on its own: a resync (re-read everything) and then live signals again.
    await waitFor(() => heard.length >= 2, 10_000);
    const before = heard.length;
    await getDb().$transaction((tx) => notifyUsers(tx, [alice], note));
    await waitFor(() => heard.length > before, 10_000);
  });
});
