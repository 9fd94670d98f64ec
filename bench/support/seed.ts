// Benchmark data, written straight through Prisma; stock goes through the ledger.
import crypto from "node:crypto";
import { issueBuyerToken } from "../../lib/auth/api-tokens";
import { applyStockChange } from "../../lib/catalog/stock";
import { getDb } from "../../lib/db/client";
import { env } from "../../lib/env";

export async function seedStore(tag: string) {
  const db = getDb();
  const seller = await db.user.create({ data: { role: "SELLER", name: `bench seller ${tag}`, email: `bench-${tag}-${crypto.randomUUID()}@example.test` } });
  const store = await db.store.create({
    data: {
      slug: `bench-${tag}-${crypto.randomBytes(3).toString("hex")}`,
      name: `Bench ${tag}`,
      description: "benchmark store",
      businessName: "Bench Co.",
      officialAccountId: "gh_0123456789ab",
      // A sub-merchant of its own, bound to the platform (service-provider mode).
      mchId: `19${crypto.randomInt(10_000_000, 99_999_999)}`,
      contactPhone: "13800138000",
      status: "APPROVED",
      payBinding: "BOUND",
      payBoundAt: new Date(),
      shareMaxRatioBps: 3000,
      members: { create: { userId: seller.id, role: "OWNER" } },
    },
  });
  // Bound in the sandbox as approval would leave it, the platform its profit-sharing receiver.
  const spMchid = env().WECHATPAY_MCH_ID;
  await db.sandboxPaySubMerchant.create({ data: { spMchid, subMchid: store.mchId, name: "Bench Co." } });
  await db.sandboxPayShareReceiver.create({ data: { spMchid, subMchid: store.mchId, type: "MERCHANT_ID", account: spMchid, relationType: "SERVICE_PROVIDER" } });
  return { storeId: store.id, slug: store.slug, sellerId: seller.id, mchId: store.mchId };
}

export async function seedItem(storeId: string, opts: { title: string; skus: { priceFen: number; stock: number }[]; postage?: "FREE" | "FLAT" }) {
  const db = getDb();
  const prices = opts.skus.map((s) => s.priceFen);
  const item = await db.item.create({
    data: {
      storeId,
      title: opts.title,
      description: [],
      categoryId: "other",
      specs: opts.skus.length > 1 ? [{ name: "规格", values: opts.skus.map((_, i) => `v${i}`) }] : [],
      status: "ON_SALE",
      onSaleAt: new Date(),
      postageMode: opts.postage ?? "FREE",
      postageFen: opts.postage === "FLAT" ? 800 : 0,
      priceMinFen: Math.min(...prices),
      priceMaxFen: Math.max(...prices),
    },
  });
  const skuIds: string[] = [];
  for (const [i, s] of opts.skus.entries()) {
    const sku = await db.sku.create({ data: { itemId: item.id, storeId, specKey: opts.skus.length > 1 ? `规格:v${i}` : "", priceFen: s.priceFen, stock: 0 } });
    if (s.stock > 0) await db.$transaction((tx) => applyStockChange(tx, { storeId, skuId: sku.id, delta: s.stock, reason: "INITIAL" }));
    skuIds.push(sku.id);
  }
  return { itemId: item.id, skuIds };
}

/** Buyers with Store API tokens. */
export async function seedBuyers(n: number, tag: string) {
  const db = getDb();
  const tokens: string[] = [];
  for (let i = 0; i < n; i++) {
    const u = await db.user.create({ data: { role: "BUYER", name: `bench buyer ${i}`, wechatOpenId: `oBench${tag}${i}_${crypto.randomBytes(6).toString("hex")}` } });
    tokens.push((await issueBuyerToken(u.id)).token);
  }
  return tokens;
}

export const benchAddress = { recipient: "压测", phone: "13800138000", province: "浙江省", city: "杭州市", district: "西湖区", detail: "文三路 100 号" };
