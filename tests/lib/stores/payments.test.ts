// A store's WeChat Pay sub-merchant binding (service-provider mode): approval binds it, a store
// whose binding failed takes no orders and says why to its seller and the admins, an admin
// can check it again, and a sub-merchant unbound at WeChat Pay is refused at payment.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { startPayment } from "@/lib/orders/pay";
import { bindSubMerchant, unbindSubMerchant } from "@/lib/sandbox/wechatpay/sub-merchants";
import { loadOpenStore } from "@/lib/storefront/store";
import { bindPaymentsSweepJob, recheckStorePayments } from "@/lib/stores/payments";
import { approveStore } from "@/lib/stores/review";
import { createItemWithSkus } from "../../support/catalog";
import { useTestDatabase } from "../../support/db";
import { authWorld, createStore } from "../../support/fixtures";
import { placeTestOrder, usePaymentsInProcess } from "../../support/payments";

useTestDatabase();
usePaymentsInProcess();

let w: Awaited<ReturnType<typeof authWorld>>;
beforeAll(async () => {
  w = await authWorld();
});

const sp = () => env().WECHATPAY_MCH_ID;
const binding = (storeId: string) => getDb().store.findUniqueOrThrow({ where: { id: storeId }, select: { payBinding: true, payBindingError: true, payBoundAt: true, shareMaxRatioBps: true, slug: true, mchId: true } });

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

async function approvedStore() {
  const seller = await getDb().storeMember.findFirstOrThrow({ where: { storeId: w.storeA.id }, select: { userId: true } });
  const pending = await createStore({ ownerId: seller.userId, status: "PENDING" });
  await approveStore(w.admin, pending.id);
  return pending;
}

describe("binding a store's sub-merchant", () => {
  it("approval binds the merchant id in the sandbox, reads its maximum share and adds the platform as receiver", async () => {
    const store = await approvedStore();
    const b = await binding(store.id);
    expect(b).toMatchObject({ payBinding: "BOUND", payBindingError: null, shareMaxRatioBps: 3000 });
    expect(b.payBoundAt).toBeInstanceOf(Date);
    expect(await getDb().sandboxPaySubMerchant.count({ where: { spMchid: sp(), subMchid: store.mchId } })).toBe(1);
    expect(await getDb().sandboxPayShareReceiver.findMany({ where: { subMchid: store.mchId }, select: { account: true, relationType: true } })).toEqual([{ account: sp(), relationType: "SERVICE_PROVIDER" }]);
    expect((await loadOpenStore(b.slug))?.suspended).toBe(false);
  });

  it("a store whose sub-merchant is not bound fails its check with WeChat Pay's reason, takes no orders, and is bound again on a recheck", async () => {
    const store = await approvedStore();
    const { skuIds } = await createItemWithSkus(store.id, { skus: [{ priceFen: 1500, stock: 5 }] });
    const order = await placeTestOrder(w.buyer, store.id, [{ skuId: skuIds[0], quantity: 1 }]);

    // The relation ends at WeChat Pay (in the sandbox's inspector): the next payment is refused
    // with WeChat's NO_AUTH, shown to the buyer as a store that cannot take payments.
    await unbindSubMerchant(sp(), store.mchId);
    const e = await refusal(startPayment(w.buyer, order.id, { tradeType: "H5", clientIp: "203.0.113.5" }));
    expect([e.code, e.details?.messageKey]).toEqual(["STORE_NOT_OPEN", "storeCannotBePaid"]);

    // An admin checks again: FAILED, with the reason, for seller and admins to see.
    expect(await recheckStorePayments(w.admin, store.id)).toBe("FAILED");
    const b = await binding(store.id);
    expect(b.payBinding).toBe("FAILED");
    expect(b.payBindingError).toBe("NO_AUTH: 受理关系不存在");
    const notes = await getDb().notification.findMany({ where: { subjectType: "store", subjectId: store.id, kind: { in: ["STORE_PAYMENTS_FAILED", "ADMIN_STORE_PAYMENTS_FAILED"] } }, select: { kind: true, params: true } });
    expect(new Set(notes.map((n) => n.kind))).toEqual(new Set(["STORE_PAYMENTS_FAILED", "ADMIN_STORE_PAYMENTS_FAILED"]));
    expect(notes[0].params).toMatchObject({ reason: "NO_AUTH: 受理关系不存在" });
    expect(await getDb().auditLog.count({ where: { action: "STORE_PAYMENTS_RECHECK", subjectId: store.id } })).toBe(1);

    // Closed to buyers, and checkout refuses it (both the read and the locked write check).
    expect(await loadOpenStore(b.slug)).toMatchObject({ suspended: true, statusReason: null });
    expect((await refusal(placeTestOrder(w.buyer, store.id, [{ skuId: skuIds[0], quantity: 1 }]))).code).toBe("STORE_NOT_OPEN");

    // Fixed at WeChat Pay, checked again: open.
    await bindSubMerchant({ spMchid: sp(), subMchid: store.mchId, name: "Test Trading Co." });
    expect(await recheckStorePayments(w.admin, store.id)).toBe("BOUND");
    expect((await binding(store.id)).payBinding).toBe("BOUND");
    await expect(placeTestOrder(w.buyer, store.id, [{ skuId: skuIds[0], quantity: 1 }])).resolves.toMatchObject({ status: "PENDING_PAYMENT" });
  });

  it("only an admin rechecks, only an approved store, and a stranger's store id is not found", async () => {
    expect((await refusal(recheckStorePayments(w.sellerA, w.storeA.id))).code).toMatch(/NOT_FOUND|FORBIDDEN|UNAUTHENTICATED/);
    expect((await refusal(recheckStorePayments(null, w.storeA.id))).code).toMatch(/NOT_FOUND|UNAUTHENTICATED/);
    expect((await refusal(recheckStorePayments(w.admin, "no-such-store"))).code).toBe("NOT_FOUND");
    const seller = await getDb().storeMember.findFirstOrThrow({ where: { storeId: w.storeA.id }, select: { userId: true } });
    const pending = await createStore({ ownerId: seller.userId, status: "PENDING" });
    expect((await refusal(recheckStorePayments(w.admin, pending.id))).code).toBe("INVALID_STATE");
  });

  it("the sweep binds stores left BINDING (open before service-provider mode, or WeChat Pay unreachable at approval)", async () => {
    const store = await approvedStore();
    // As the migration leaves a store that was open before: BINDING, never bound, not in the sandbox.
    await unbindSubMerchant(sp(), store.mchId);
    await getDb().store.update({ where: { id: store.id }, data: { payBinding: "BINDING", payBoundAt: null, updatedAt: new Date(Date.now() - 10 * 60_000) } });
    expect((await refusal(placeTestOrder(w.buyer, store.id, [{ skuId: (await createItemWithSkus(store.id, { skus: [{ priceFen: 100, stock: 1 }] })).skuIds[0], quantity: 1 }]))).code).toBe("STORE_NOT_OPEN");
    await bindPaymentsSweepJob();
    expect((await binding(store.id)).payBinding).toBe("BOUND");
    expect(await getDb().sandboxPaySubMerchant.count({ where: { spMchid: sp(), subMchid: store.mchId } })).toBe(1);
  });
});
