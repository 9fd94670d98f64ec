// Buyers' evidence photos through POST /api/uploads (orderId): only the order's buyer, only a
// paid order; the image is filed under the order's store with the buyer as uploader, and only
// that buyer can then attach it to a case. Sellers' and admins' uploads are unchanged. Also
// the store's return address in its profile.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { openRequest } from "@/lib/protection/requests";
import { updateStoreProfile } from "@/lib/stores/apply";
import { useTestDatabase } from "../../support/db";
import { actorFor, authWorld, createImageRow, createUser, pngBytes } from "../../support/fixtures";
import { placeTestOrder, usePaymentsInProcess } from "../../support/payments";
import { createItemWithSkus } from "../../support/catalog";
import { paidOrder } from "../../lib/protection/support";

useTestDatabase();
usePaymentsInProcess();

const current = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock(import("@/lib/auth/session"), async (original) => ({ ...(await original()), getActor: async () => current.actor }));
const { POST } = await import("@/app/api/uploads/route");

let w: Awaited<ReturnType<typeof authWorld>> & { buyer2: Actor };
beforeAll(async () => {
  const world = await authWorld();
  w = { ...world, buyer2: await actorFor((await createUser("BUYER")).id) };
});

async function upload(actor: Actor | null, fields: Record<string, string>) {
  current.actor = actor;
  const fd = new FormData();
  fd.set("file", new Blob([new Uint8Array(await pngBytes(300, 300))]), "photo.png");
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  try {
    return await POST(new Request("http://localhost/api/uploads", { method: "POST", body: fd }));
  } finally {
    current.actor = null;
  }
}

describe("evidence uploads", () => {
  it("lets only the order's buyer upload for a paid order, filing the image under the store", async () => {
    const { orderId, lineIds } = await paidOrder(w);
    const statuses: Record<string, number> = {};
    for (const [who, actor] of Object.entries({ anonymous: null, buyer2: w.buyer2, sellerA: w.sellerA, sellerB: w.sellerB, admin: w.admin })) {
      statuses[who] = (await upload(actor, { orderId })).status;
    }
    expect(statuses).toEqual({ anonymous: 401, buyer2: 404, sellerA: 404, sellerB: 404, admin: 404 });
    const res = await upload(w.buyer, { orderId });
    expect(res.status).toBe(201);
    const { image } = (await res.json()) as { image: { id: string } };
    expect(await getDb().image.findUniqueOrThrow({ where: { id: image.id }, select: { storeId: true, uploaderId: true } })).toEqual({ storeId: w.storeA.id, uploaderId: w.buyer.userId });
    // The buyer attaches it to their request.
    const { id } = await openRequest(w.buyer, { orderId, lineIds, type: "REFUND_ONLY", reason: "NOT_SHIPPED", description: "没有发货", amountFen: 100, evidenceImageIds: [image.id] });
    expect((await getDb().afterSaleRequest.findUniqueOrThrow({ where: { id } })).evidenceImageIds).toEqual([image.id]);
  });

  it("refuses an unpaid order, and a buyer without a store id cannot upload at all", async () => {
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 100, stock: 5 }] });
    const unpaid = await placeTestOrder(w.buyer, w.storeA.id, [{ skuId: skuIds[0], quantity: 1 }]);
    expect((await upload(w.buyer, { orderId: unpaid.id })).status).toBe(404);
    expect((await upload(w.buyer, {})).status).toBe(404);
    expect((await upload(w.buyer, { storeId: w.storeA.id })).status).toBe(404);
  });

  it("keeps sellers' uploads as they were", async () => {
    expect((await upload(w.sellerA, { storeId: w.storeA.id })).status).toBe(201);
    expect((await upload(w.sellerB, { storeId: w.storeA.id })).status).toBe(404);
  });
});

describe("the store's return address", () => {
  const profile = { name: "茶叶小店", logoImageId: "", description: "", contactPhone: "13800138000" };

  it("is saved with the profile, all three parts or none, and cleared with blanks", async () => {
    const logo = await createImageRow({ uploaderId: w.sellerA.userId, storeId: w.storeA.id });
    const base = { ...profile, logoImageId: logo.id };
    const e = await updateStoreProfile(w.sellerA, w.storeA.id, { ...base, returnRecipient: "退货仓", returnPhone: "", returnAddress: "" }).catch((x) => x);
    expect(e).toBeInstanceOf(AppError);
    expect(e.fieldErrors).toEqual({ returnPhone: ["returnAddressIncomplete"], returnAddress: ["returnAddressIncomplete"] });
    const bad = await updateStoreProfile(w.sellerA, w.storeA.id, { ...base, returnRecipient: "退货仓", returnPhone: "123", returnAddress: "杭州市 1 号" }).catch((x) => x);
    expect(bad.fieldErrors).toEqual({ returnPhone: ["phoneFormat"] });
    await updateStoreProfile(w.sellerA, w.storeA.id, { ...base, returnRecipient: " 退货仓 ", returnPhone: "0571-88888888", returnAddress: "杭州市 1 号" });
    const select = { returnRecipient: true, returnPhone: true, returnAddress: true } as const;
    expect(await getDb().store.findUniqueOrThrow({ where: { id: w.storeA.id }, select })).toEqual({ returnRecipient: "退货仓", returnPhone: "0571-88888888", returnAddress: "杭州市 1 号" });
    // Saving the profile without the fields leaves the address alone.
    await updateStoreProfile(w.sellerA, w.storeA.id, base);
    expect((await getDb().store.findUniqueOrThrow({ where: { id: w.storeA.id }, select })).returnAddress).toBe("杭州市 1 号");
    await updateStoreProfile(w.sellerA, w.storeA.id, { ...base, returnRecipient: "", returnPhone: "", returnAddress: "" });
    expect(await getDb().store.findUniqueOrThrow({ where: { id: w.storeA.id }, select })).toEqual({ returnRecipient: null, returnPhone: null, returnAddress: null });
  });
});
