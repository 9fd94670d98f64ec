// GET /seller/stores/[storeId]/orders/export: the store's seller gets a CSV (UTF-8 BOM, one
// row per order line, the list's filters applied); another store's seller, a buyer or an admin
// get 404; a visitor who is not signed in is sent to sign in. In the seller's language and time
// zone (next-intl's server helpers bound to the real zh-CN messages). Only the session and the
// request's locale are stood in for.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { placeOrder } from "@/lib/orders/checkout";
import { shanghaiDate } from "@/lib/orders/numbers";
import { useTestDatabase } from "../../support/db";
import { createItemWithSkus } from "../../support/catalog";
import { authWorld } from "../../support/fixtures";

useTestDatabase();

const current = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("next-intl/server", async () => {
  const { createTranslator, createFormatter } = await import("next-intl");
  const { messagesFor } = await import("@/lib/i18n/messages");
  return {
    getTranslations: async (namespace: string) => createTranslator({ locale: "zh-CN", messages: messagesFor("zh-CN") as never, namespace: namespace as never }),
    getFormatter: async () => createFormatter({ locale: "zh-CN", timeZone: "Asia/Shanghai" }),
  };
});
vi.mock(import("@/lib/auth/session"), async (original) => ({ ...(await original()), getActor: async () => current.actor }));

const { GET } = await import("@/app/(seller)/seller/stores/[storeId]/orders/export/route");

let w: Awaited<ReturnType<typeof authWorld>>;
let paidOrderNo: string;
beforeAll(async () => {
  w = await authWorld();
  const tea = await createItemWithSkus(w.storeA.id, { title: "龙井, \"特级\"", skus: [{ priceFen: 12800, stock: 10 }, { priceFen: 23800, stock: 10 }] });
  const address = { recipient: "王小明", phone: "13800138000", province: "浙江省", city: "杭州市", district: "西湖区", detail: "文三路 100 号" };
  // Two orders: one of two lines (paid), one of one line (unpaid).
  const a = await placeOrder(w.buyer, { storeId: w.storeA.id, lines: [{ skuId: tea.skuIds[0], quantity: 1 }, { skuId: tea.skuIds[1], quantity: 2 }], address, idempotencyKey: crypto.randomUUID() });
  await placeOrder(w.buyer, { storeId: w.storeA.id, lines: [{ skuId: tea.skuIds[0], quantity: 1 }], address, idempotencyKey: crypto.randomUUID() });
  await getDb().order.update({ where: { id: a.id }, data: { status: "PAID", paidAt: new Date() } });
  paidOrderNo = a.orderNo;
});

async function get(actor: Actor | null, storeId: string, query = "") {
  current.actor = actor;
  try {
    return await GET(new Request(`http://localhost:3000/seller/stores/${storeId}/orders/export${query}`), { params: Promise.resolve({ storeId }) });
  } finally {
    current.actor = null;
  }
}

describe("order CSV export", () => {
  it("streams the store's orders to its seller: BOM, header, one row per line, as a dated attachment", async () => {
    const res = await get(w.sellerA, w.storeA.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="orders-${shanghaiDate()}.csv"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    // The BOM makes Excel read the UTF-8 Chinese correctly (Response.text() would hide it).
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^订单号,订单状态,下单时间,支付时间,买家,/);
    expect(lines).toHaveLength(1 + 3);
    // A title with a comma and quotes stays one cell.
    expect(lines[1]).toContain('"龙井, ""特级"""');
  });

  it("applies the list's filters", async () => {
    const res = await get(w.sellerA, w.storeA.id, "?status=PAID");
    expect(res.headers.get("content-disposition")).toContain("-paid.csv");
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines.slice(1)).toHaveLength(2);
    expect(lines.slice(1).every((l) => l.startsWith(`${paidOrderNo},待发货,`))).toBe(true);
    // Times as Beijing wall-clock time, as the pages show them (not UTC ISO).
    const paidAt = (await getDb().order.findFirstOrThrow({ where: { orderNo: paidOrderNo }, select: { paidAt: true } })).paidAt!;
    const beijing = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false }).format(paidAt);
    expect(lines[1]).toContain(beijing);
    expect(lines[1]).not.toContain(paidAt.toISOString());
    const none = (await (await get(w.sellerA, w.storeA.id, "?orderNo=1999")).text()).trimEnd().split("\r\n");
    expect(none).toHaveLength(1);
  });

  it("is 404 for another store's seller, a buyer and an admin, and sends a visitor to sign in", async () => {
    for (const actor of [w.sellerB, w.buyer, w.admin]) {
      const res = await get(actor, w.storeA.id);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("订单号");
    }
    const anon = await get(null, w.storeA.id, "?status=PAID");
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toBe(`/signin?callbackUrl=${encodeURIComponent(`/seller/stores/${w.storeA.id}/orders?status=PAID`)}`);
    // sellerB's own store exports fine and holds none of store A's orders.
    const own = await get(w.sellerB, w.storeB.id);
    expect(own.status).toBe(200);
    expect((await own.text()).trimEnd().split("\r\n")).toHaveLength(1);
  });
});
