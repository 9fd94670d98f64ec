// Checkout mix: many SKUs, realistic carts (1–4 lines, 1–3 units each), many buyers ordering
// through the Store API for a fixed time.
import crypto from "node:crypto";
import { postOrder } from "../support/orders";
import { benchAddress, seedBuyers, seedItem, seedStore } from "../support/seed";
import { baseUrlOf, closedLoop, summarize, type ScenarioResult } from "../support/stats";

export async function checkoutMix(opts: { baseUrls: string[]; clients: number; durationMs: number }): Promise<ScenarioResult> {
  const { storeId } = await seedStore("mix");
  const skus: string[] = [];
  for (let i = 0; i < 50; i++) {
    const { skuIds } = await seedItem(storeId, {
      title: `混合商品 ${i}`,
      postage: i % 2 ? "FLAT" : "FREE",
      skus: Array.from({ length: 4 }, (_, k) => ({ priceFen: 990 + i * 10 + k, stock: 1_000_000 })),
    });
    skus.push(...skuIds);
  }
  const tokens = await seedBuyers(opts.clients, "mix");
  const latencies: number[] = [];
  let created = 0;
  let errors = 0;
  const pick = () => skus[crypto.randomInt(skus.length)];
  const elapsed = await closedLoop({
    clients: opts.clients,
    maxMs: opts.durationMs,
    task: async (c) => {
      const lines = new Map<string, number>();
      const n = 1 + crypto.randomInt(4);
      while (lines.size < n) lines.set(pick(), 1 + crypto.randomInt(3));
      const t0 = performance.now();
      try {
        const status = await postOrder(baseUrlOf(opts.baseUrls, c), tokens[c], { storeId, lines: [...lines].map(([skuId, quantity]) => ({ skuId, quantity })), address: benchAddress });
        if (status === 201) created++;
        else errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
      return "continue";
    },
  });
  return {
    name: "checkout-mix",
    throughput: Math.round((created / elapsed) * 10_000) / 10,
    unit: "orders/s",
    ...summarize(latencies),
    ceiling: null,
    ratio: null,
    errors,
    oversold: null,
    notes: `${opts.clients} buyers on ${opts.baseUrls.length} app instance(s) × ${(opts.durationMs / 1000).toFixed(0)} s over 200 SKUs; ${created} orders`,
  };
}
