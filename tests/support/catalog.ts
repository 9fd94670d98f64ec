// Items for order tests, written with Prisma; initial stock goes through the stock ledger
// so ledger balances hold from the start.
import { applyStockChange } from "@/lib/catalog/stock";
import { getDb } from "@/lib/db/client";

export async function createItemWithSkus(
  storeId: string,
  opts: {
    title?: string;
    status?: "DRAFT" | "ON_SALE" | "OFF_SALE";
    buyLimit?: number | null;
    postage?: { mode: "FREE" | "FLAT" | "PER_ITEM"; fen?: number; extraFen?: number };
    skus: { specKey?: string; priceFen: number; stock: number }[];
  },
) {
  const db = getDb();
  const prices = opts.skus.map((s) => s.priceFen);
  const item = await db.item.create({
    data: {
      storeId,
      title: opts.title ?? "测试商品",
      description: [],
      categoryId: "other",
      specs: opts.skus.length > 1 ? [{ name: "规格", values: opts.skus.map((_, i) => `v${i}`) }] : [],
      status: opts.status ?? "ON_SALE",
      buyLimit: opts.buyLimit ?? null,
      postageMode: opts.postage?.mode ?? "FREE",
      postageFen: opts.postage?.fen ?? 0,
      postageExtraFen: opts.postage?.extraFen ?? 0,
      priceMinFen: Math.min(...prices),
      priceMaxFen: Math.max(...prices),
    },
    select: { id: true },
  });
  const skus = [];
  for (const [i, s] of opts.skus.entries()) {
    const sku = await db.sku.create({
      data: { itemId: item.id, storeId, specKey: s.specKey ?? (opts.skus.length > 1 ? `规格:v${i}` : ""), priceFen: s.priceFen, stock: 0 },
      select: { id: true },
    });
    if (s.stock > 0) await db.$transaction((tx) => applyStockChange(tx, { storeId, skuId: sku.id, delta: s.stock, reason: "INITIAL" }));
    skus.push(sku.id);
  }
  return { itemId: item.id, skuIds: skus };
}

/** Sum of ledger deltas per SKU must equal the SKU's stock (starting from zero). */
export async function ledgerBalances(skuId: string): Promise<{ stock: number; ledgerSum: number; lastResulting: number | null }> {
  const db = getDb();
  const sku = await db.sku.findUniqueOrThrow({ where: { id: skuId }, select: { stock: true } });
  const sum = await db.stockLedgerEntry.aggregate({ where: { skuId }, _sum: { delta: true } });
  const last = await db.stockLedgerEntry.findFirst({ where: { skuId }, orderBy: { id: "desc" }, select: { resultingStock: true } });
  return { stock: sku.stock, ledgerSum: sum._sum.delta ?? 0, lastResulting: last?.resultingStock ?? null };
}
