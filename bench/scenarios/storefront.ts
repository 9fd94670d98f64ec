// Storefront under load: the store home (published shelf) and an item page, each against the
// ceiling of a static file served by the same server, with autocannon.
import autocannon from "autocannon";
import { loadActor } from "../../lib/auth/session";
import { createGroup, setGroupItems } from "../../lib/shelves/groups";
import { publishShelf, saveShelfDraft } from "../../lib/shelves/shelf";
import { seedItem, seedStore } from "../support/seed";
import { summarize, type ScenarioResult } from "../support/stats";

async function load(url: string, opts: { durationS: number; connections: number; method?: "GET" | "POST" }) {
  const latencies: number[] = [];
  let non2xx = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, method: opts.method ?? "GET", connections: opts.connections, duration: opts.durationS, headers: { "accept-language": "zh-CN" } },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_client, status, _bytes, ms) => {
      latencies.push(ms);
      if (status >= 300) non2xx++;
    });
  });
  return { rps: result.requests.average, total: result.requests.total, errors: result.errors + result.timeouts + non2xx, latencies };
}

export async function storefront(opts: { baseUrl: string; durationS: number; connections: number }): Promise<ScenarioResult[]> {
  const { storeId, slug, sellerId } = await seedStore("front");
  const itemIds: string[] = [];
  for (let i = 0; i < 24; i++) itemIds.push((await seedItem(storeId, { title: `商品 ${i + 1} 号`, skus: [{ priceFen: 1000 + i * 100, stock: 50 }, { priceFen: 1500 + i * 100, stock: i % 5 === 0 ? 0 : 20 }] })).itemId);
  const seller = (await loadActor(sellerId))!;
  const a = await createGroup(seller, storeId, { name: "新品" });
  const b = await createGroup(seller, storeId, { name: "热卖" });
  await setGroupItems(seller, a.id, itemIds.slice(0, 12));
  await setGroupItems(seller, b.id, itemIds.slice(12));
  await saveShelfDraft(seller, storeId, {
    name: "首页",
    sections: [
      { type: "group_list", groupId: a.id, count: 6 },
      { type: "group_grid", tiles: [{ groupId: a.id }, { groupId: b.id }] },
      { type: "group_list", groupId: b.id, count: 6 },
    ],
  });
  await publishShelf(seller, storeId);

  const ceilingRun = await load(`${opts.baseUrl}/robots.txt`, opts);
  const out: ScenarioResult[] = [];
  for (const [name, path] of [
    ["storefront-home", `/s/${slug}`],
    ["storefront-item", `/s/${slug}/items/${itemIds[3]}`],
  ] as const) {
    // Warm the caches once, as a live store would be.
    await fetch(`${opts.baseUrl}${path}`).then((r) => r.arrayBuffer());
    const run = await load(`${opts.baseUrl}${path}`, opts);
    // The item page is cached and the same for everyone; each view then asks for its live part
    // (stock, the buying bar, the cart count; counts the view): measured on its own, as a guest.
    let live = "";
    if (name === "storefront-item") {
      const visit = await load(`${opts.baseUrl}/api/items/${itemIds[3]}/visit`, { ...opts, method: "POST" });
      const v = summarize(visit.latencies);
      live = `; then each view's live part, POST /api/items/<id>/visit: ${Math.round(visit.rps)} req/s, p50 ${v.p50_ms} ms, p95 ${v.p95_ms} ms, ${visit.errors} errors`;
      run.errors += visit.errors;
    }
    out.push({
      name,
      throughput: Math.round(run.rps),
      unit: "req/s",
      ...summarize(run.latencies),
      ceiling: Math.round(ceilingRun.rps),
      ratio: Math.round((run.rps / ceilingRun.rps) * 1000) / 1000,
      errors: run.errors,
      oversold: null,
      notes: `${opts.connections} connections × ${opts.durationS} s, ${run.total} requests; ceiling = /robots.txt from the same server (${Math.round(ceilingRun.rps)} req/s)${live}`,
    });
  }
  return out;
}
