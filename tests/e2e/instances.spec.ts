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
