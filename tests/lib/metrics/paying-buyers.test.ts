import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { recordOrderTransitionMetrics } from "@/lib/metrics/record";
import { rebuildRollups } from "@/lib/metrics/rebuild";
import { storePayingBuyers } from "@/lib/metrics/queries";
import { useTestDatabase } from "../../support/db";
import { authWorld, createUser } from "../../support/fixtures";

useTestDatabase();

let storeId: string;
beforeAll(async () => {
  storeId = (await authWorld()).storeA.id;
});

/** An order paid at `paidAt` (Shanghai noon of the given day), rolled up as the PAY transition does. */
async function paid(buyerId: string, day: string) {
  const paidAt = new Date(`${day}T12:00:00+08:00`);
  const o = await getDb().order.create({
    data: {
      orderNo: `9${Math.random().toString().slice(2, 19)}`.slice(0, 18),
      outTradeNo: `LST${Math.random().toString(36).slice(2, 14)}`,
      storeId,
      buyerId,
      status: "PAID",
      itemsFen: 100,
      postageFen: 0,
      totalFen: 100,
      recipient: "r",
      phone: "13800138000",
      province: "p",
      city: "c",
      district: "d",
      addressDetail: "x",
      protectionTerms: {},
      payBy: paidAt,
      paidAt,
    },
  });
  await getDb().$transaction((tx) => recordOrderTransitionMetrics(tx, { orderId: o.id, transition: "PAY", from: "PENDING_PAYMENT", to: "PAID", at: paidAt }));
}

describe("paying buyers over a range", () => {
  it("counts each buyer once per range, also when an earlier day's payment is recorded late", async () => {
    const a = (await createUser("BUYER")).id;
    const b = (await createUser("BUYER")).id;
    await paid(a, "2026-03-03");
    await paid(a, "2026-03-01"); // late: arrives after the 3rd
    await paid(a, "2026-03-02");
    await paid(a, "2026-03-02"); // twice on one day
    await paid(b, "2026-03-02");
    const count = (from: string, to: string) => storePayingBuyers(storeId, from, to);
    expect(await count("2026-03-01", "2026-03-03")).toBe(2);
    expect(await count("2026-03-02", "2026-03-03")).toBe(2);
    expect(await count("2026-03-03", "2026-03-03")).toBe(1);
    expect(await count("2026-03-01", "2026-03-01")).toBe(1);
    expect(await count("2026-03-04", "2026-03-09")).toBe(0);
    const rows = await getDb().storeDailyBuyer.findMany({ where: { storeId, buyerId: a }, orderBy: { day: "asc" } });
    expect(rows.map((r) => [r.day.toISOString().slice(0, 10), r.prevDay?.toISOString().slice(0, 10) ?? null])).toEqual([
      ["2026-03-01", null],
      ["2026-03-02", "2026-03-01"],
      ["2026-03-03", "2026-03-02"],
    ]);
    // A rebuild from the orders writes the same rows.
    const before = await getDb().storeDailyBuyer.findMany({ where: { storeId }, orderBy: [{ buyerId: "asc" }, { day: "asc" }] });
    await rebuildRollups({ storeId });
    expect(await getDb().storeDailyBuyer.findMany({ where: { storeId }, orderBy: [{ buyerId: "asc" }, { day: "asc" }] })).toEqual(before);
  });
});
