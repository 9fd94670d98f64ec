// Payments after a flash sale: every order of one hot SKU paid at once. Each payment is applied
// as the notification route and the reconciliation job apply it (lib/payments/apply.ts): one
// transaction that marks the order paid, records the payment, tells the store and adds to the
// store's daily figures — the row every payment of that store and day updates. Called
// in-process (the notification's signature check and decryption are not measured), with the
// app's pool size; no ceiling.
import crypto from "node:crypto";
import { loadActor } from "../../lib/auth/session";
import { getDb } from "../../lib/db/client";
import { resetEnvForTests } from "../../lib/env";
import { placeOrder } from "../../lib/orders/checkout";
import { applyTransaction } from "../../lib/payments/apply";
import { getPaymentsGateway } from "../../lib/payments/gateway";
import { startCpuCount } from "../support/cpu";
import { withPoolSize } from "../support/db";
import { benchAddress, seedItem, seedStore } from "../support/seed";
import { closedLoop, summarize, type ScenarioResult } from "../support/stats";

export async function payments(opts: { databaseUrl: string; orders: number; clients: number; connections: number; mode?: "service_provider" | "direct" }): Promise<ScenarioResult> {
  const before = process.env.WECHATPAY_MODE;
  process.env.WECHATPAY_MODE = opts.mode ?? "service_provider";
  resetEnvForTests();
  try {
    const r = await withPoolSize(opts.databaseUrl, opts.connections, () => run(opts));
    return opts.mode === "direct" ? { ...r, name: "payments-direct" } : r;
  } finally {
    if (before === undefined) delete process.env.WECHATPAY_MODE;
    else process.env.WECHATPAY_MODE = before;
    resetEnvForTests();
  }
}

async function run(opts: { orders: number; clients: number }): Promise<ScenarioResult> {
  const db = getDb();
  const gw = getPaymentsGateway();
  const { storeId, mchId } = await seedStore("payments");
  const { skuIds } = await seedItem(storeId, { title: "秒杀爆款 (payments)", skus: [{ priceFen: 990, stock: opts.orders * 2 }] });
  const buyers = await Promise.all(
    Array.from({ length: opts.clients }, async (_, i) => {
      const u = await db.user.create({ data: { role: "BUYER", name: `payments buyer ${i}`, wechatOpenId: `oPay${i}_${crypto.randomBytes(6).toString("hex")}` } });
      return (await loadActor(u.id))!;
    }),
  );
  const place = async (n: number) => {
    const actor = buyers[n % buyers.length];
    const o = await placeOrder(actor, { storeId, lines: [{ skuId: skuIds[0], quantity: 1 }], address: benchAddress, idempotencyKey: crypto.randomUUID() });
    const row = await db.order.findUniqueOrThrow({ where: { id: o.id }, select: { outTradeNo: true, totalFen: true } });
    return { ...row, openid: actor.userId };
  };
  let n = 0;
  const pay = (o: { outTradeNo: string; totalFen: number; openid: string }) =>
    applyTransaction(
      // Paid into the store's own sub-merchant account, as in service-provider mode (the default).
      { appid: gw.appId, mchid: gw.mchId, subMchid: gw.mode === "service_provider" ? mchId : null, currency: "CNY", outTradeNo: o.outTradeNo, transactionId: `4200${Date.now()}${String(n++).padStart(8, "0")}`, tradeState: "SUCCESS", amountTotal: o.totalFen, payerOpenid: o.openid, successTime: new Date() },
      { source: "QUERY" },
    );
  // Warm up (code optimised, pool open) on a first batch, then the measured one.
  const placeAll = async (count: number) => {
    const out: Awaited<ReturnType<typeof place>>[] = [];
    let i = 0;
    await Promise.all(Array.from({ length: 20 }, async () => { while (i < count) out.push(await place(i++)); }));
    return out;
  };
  for (const o of await placeAll(Math.min(opts.orders, opts.clients * 2))) await pay(o);
  const orders = await placeAll(opts.orders);

  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const cpu = startCpuCount([]);
  const started = performance.now();
  await closedLoop({
    clients: opts.clients,
    maxMs: 180_000,
    task: async () => {
      if (next >= orders.length) return "stop";
      const o = orders[next++];
      const t0 = performance.now();
      const outcome = await pay(o).catch(() => "ERROR");
      latencies.push(performance.now() - t0);
      if (outcome !== "APPLIED") errors++;
      return "continue";
    },
  });
  const ms = performance.now() - started;
  const split = cpu?.();
  const paid = await db.order.count({ where: { storeId, status: "PAID" } });
  const f = (v: number) => (v / orders.length).toFixed(2);
  return {
    name: "payments",
    throughput: Math.round((orders.length / ms) * 1000 * 10) / 10,
    unit: "payments/s",
    ...summarize(latencies),
    ceiling: null,
    ratio: null,
    errors,
    oversold: null,
    notes: `${orders.length} orders of one store and SKU paid by ${opts.clients} concurrent callers of applyTransaction (in this process); ${paid} orders paid in all; CPU ms per payment: this process ${split ? f(split.loadMs) : "?"}, Postgres ${split ? f(split.postgresMs) : "?"}`,
  };
}
