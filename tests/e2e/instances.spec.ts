import { expect, test } from "@playwright/test";
import { createDatabase, freePort, seedSale, startApp, tmpDir, type AppProcess } from "./fault-support";

// Two app instances on one database, as behind a load balancer. Each caches the storefront's
// reads and rendered pages in its own memory; a change made through one must show on the
// other at once, not when the other's cached copy happens to expire (a minute).
test.setTimeout(240_000);

test("an item taken off sale through one app instance stops showing on the other at once", async () => {
  const db = await createDatabase("instances");
  const apps: AppProcess[] = [];
  try {
    // One after the other: the first brings the new database's schema up.
    apps.push(await startApp({ databaseUrl: db.url, port: await freePort(), dataDir: tmpDir("instance-a") }));
    apps.push(await startApp({ databaseUrl: db.url, port: await freePort(), dataDir: tmpDir("instance-b") }));
    const [a, b] = apps;
    const sale = await seedSale(db.pool, { stock: 5, buyers: 0 });
    const itemPage = `${b.url}/s/${sale.slug}/items/${sale.itemId}`;
    const home = `${b.url}/s/${sale.slug}`;
    const itemLink = `/s/${sale.slug}/items/${sale.itemId}`;
    // B has the item page's data cached (read twice: the second read is served from its cache).
    for (let i = 0; i < 2; i++) {
      const page = await fetch(itemPage);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("秒杀");
    }
    // And the store's home, rendered once and then served whole from B's cache.
    expect(await (await fetch(home)).text()).toContain(itemLink);
    const cachedHome = await fetch(home);
    expect(cachedHome.headers.get("x-nextjs-cache")).toBe("HIT");
    expect(await cachedHome.text()).toContain(itemLink);

    // A has both pages cached as well.
    const homeOnA = `${a.url}/s/${sale.slug}`;
    const itemOnA = `${a.url}/s/${sale.slug}/items/${sale.itemId}`;
    for (const url of [homeOnA, itemOnA, homeOnA, itemOnA]) expect((await fetch(url)).status).toBe(200);
    expect((await fetch(itemOnA)).headers.get("x-nextjs-cache")).toBe("HIT");

    const off = await fetch(`${a.url}/api/open/v1/products/status`, {
      method: "POST",
      headers: { Authorization: `Bearer ${sale.merchantToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ productIds: [sale.itemId], status: "OFF_SALE" }),
    });
    expect(off.status).toBe(200);
    expect((await off.json()).changed).toEqual([sale.itemId]);

    // On A, where the change was made, the very next request shows it (not a stale copy
    // while the page renders again in the background).
    expect((await fetch(itemOnA)).status).toBe(404);
    expect(await (await fetch(homeOnA)).text()).not.toContain(itemLink);

    // Within a few seconds on B (the broadcast takes milliseconds; without it, up to 60 s).
    const changedAt = Date.now();
    await expect.poll(async () => (await fetch(itemPage)).status, { timeout: 5_000, intervals: [50, 100, 250] }).toBe(404);
    await expect.poll(async () => (await (await fetch(home)).text()).includes(itemLink), { timeout: 5_000, intervals: [50, 100, 250] }).toBe(false);
    test.info().annotations.push({ type: "seen on the other instance after", description: `${Date.now() - changedAt} ms` });
  } finally {
    await Promise.all(apps.map((app) => app.kill("SIGTERM")));
    await db.drop();
  }
});

// A flash sale's price shows on every instance's cached pages at its start and goes at its
// end, each instance on its own clock (lib/promotions/sale-clock.ts), not when a job or the
// cached copy's expiry gets round to it.
test("a flash sale scheduled through one instance starts and ends on time on the cached pages of both", async () => {
  const db = await createDatabase("sale-clock");
  const apps: AppProcess[] = [];
  try {
    apps.push(await startApp({ databaseUrl: db.url, port: await freePort(), dataDir: tmpDir("clock-a") }));
    apps.push(await startApp({ databaseUrl: db.url, port: await freePort(), dataDir: tmpDir("clock-b") }));
    const sale = await seedSale(db.pool, { stock: 5, buyers: 0 });
    const pages = apps.map((app) => `${app.url}/s/${sale.slug}/items/${sale.itemId}`);
    const startsAt = new Date(Date.now() + 8_000);
    const endsAt = new Date(startsAt.getTime() + 6_000);
    const made = await fetch(`${apps[0].url}/api/open/v1/flash-sales`, {
      method: "POST",
      headers: { Authorization: `Bearer ${sale.merchantToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "整点抢购", startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), skus: [{ skuId: sale.skuId, priceFen: 590 }] }),
    });
    expect(made.status).toBe(201);
    // Before the start both serve the item page from their caches, at the normal price with the
    // coming sale's "starts in" banner; running, its "ends in" banner; after it, neither.
    for (const url of [...pages, ...pages]) expect((await fetch(url)).status).toBe(200);
    for (const url of pages) {
      const res = await fetch(url);
      expect(res.headers.get("x-nextjs-cache")).toBe("HIT");
      const html = await res.text();
      expect(html).toContain('data-sale="upcoming"');
      expect(html).not.toContain('data-sale="running"');
    }
    const shows = async (url: string, text: string) => (await (await fetch(url)).text()).includes(text);
    const lag = async (at: Date, text: string, present: boolean) => {
      await new Promise((r) => setTimeout(r, Math.max(0, at.getTime() - Date.now())));
      return Promise.all(
        pages.map(async (url) => {
          await expect.poll(() => shows(url, text), { timeout: 3_000, intervals: [25, 50, 100] }).toBe(present);
          return Date.now() - at.getTime();
        }),
      );
    };
    const started = await lag(startsAt, 'data-sale="running"', true);
    const ended = await lag(endsAt, 'data-sale="running"', false);
    for (const url of pages) expect(await shows(url, 'data-sale="upcoming"')).toBe(false);
    test.info().annotations.push({ type: "sale price shown after its start", description: `${started.join(" / ")} ms` }, { type: "and gone after its end", description: `${ended.join(" / ")} ms` });
    // Not a minute's backstop expiry, nor the job queue's poll: within a second on both.
    for (const ms of [...started, ...ended]) expect(ms).toBeLessThan(1_000);
  } finally {
    await Promise.all(apps.map((app) => app.kill("SIGTERM")));
    await db.drop();
  }
});
