import { describe, expect, it } from "vitest";
import { authenticateWithPassword } from "@/lib/auth/accounts";
import { getDb } from "@/lib/db/client";
import { DEMO_PASSWORD, demoAccounts } from "@/lib/demo/accounts";
import { seedDemoIfEmpty } from "@/lib/demo/seed";
import { loadStoreHome } from "@/lib/storefront/home";
import { loadOpenStore } from "@/lib/storefront/store";
import { useTestDatabase } from "../../support/db";
import { ledgerBalances } from "../../support/catalog";

useTestDatabase();

describe("demo seed", () => {
  it("seeds an empty database once: accounts, two open stores with a published shelf, one pending application", async () => {
    expect(await seedDemoIfEmpty()).toBe(true);
    expect(await seedDemoIfEmpty()).toBe(false);
    const db = getDb();
    for (const a of [demoAccounts.admin, demoAccounts.sellerTea, demoAccounts.sellerCraft, demoAccounts.applicant]) {
      expect(await authenticateWithPassword(a.email, DEMO_PASSWORD)).not.toBeNull();
    }
    expect(await db.user.count({ where: { role: "BUYER", wechatOpenId: demoAccounts.buyer.openid } })).toBe(1);
    expect(await db.sandboxWechatUser.count({ where: { openid: demoAccounts.buyer.openid } })).toBe(1);
    expect((await db.store.findMany({ select: { slug: true, status: true }, orderBy: { slug: "asc" } })).map((s) => `${s.slug}:${s.status}`)).toEqual([
      "mountain-honey:PENDING",
      "su-embroidery:APPROVED",
      "west-lake-tea:APPROVED",
    ]);
    // Service-provider mode: each open store is a sub-merchant bound in the sandbox, the platform its receiver, open to buyers.
    for (const s of await db.store.findMany({ where: { status: "APPROVED" }, select: { mchId: true, payBinding: true } })) {
      expect(s.payBinding).toBe("BOUND");
      expect(await db.sandboxPaySubMerchant.count({ where: { subMchid: s.mchId } })).toBe(1);
      expect(await db.sandboxPayShareReceiver.count({ where: { subMchid: s.mchId } })).toBe(1);
    }
    for (const slug of ["west-lake-tea", "su-embroidery"]) {
      const store = await loadOpenStore(slug);
      expect(store?.suspended).toBe(false);
      const home = await loadStoreHome(store!.id);
      expect(home?.shelf?.sections.length).toBe(3);
      expect(home?.shelf?.sections.every((s) => s.type !== "unresolved")).toBe(true);
    }
    expect(await db.item.count({ where: { status: "ON_SALE" } })).toBe(7);
    expect(await db.image.count()).toBeGreaterThan(10);
    // Every SKU's stock is explained by its ledger.
    for (const sku of await db.sku.findMany({ select: { id: true } })) {
      const b = await ledgerBalances(sku.id);
      expect(b.ledgerSum).toBe(b.stock);
    }
  });
});
