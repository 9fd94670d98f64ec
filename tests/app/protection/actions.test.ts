// The purchase-protection server actions, wired to the real domain and database: who may
// call each (anonymous, the case's buyer, another buyer, the store's seller, another store's
// seller, an admin), and what a form gets back (translated errors, typed values kept, the
// redirect to the new case). Only the session is mocked: getActor() answers whoever the test
// says is signed in.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { messagesFor } from "@/lib/i18n/messages";
import { escalateToComplaint, requestEvidence } from "@/lib/protection/complaints";
import { buyerShipReturn, openRequest, sellerAccept, sellerOffer, sellerReject } from "@/lib/protection/requests";
import { useTestDatabase } from "../../support/db";
import { actorFor, authWorld, createUser } from "../../support/fixtures";
import { usePaymentsInProcess } from "../../support/payments";
import { paidOrder, ship } from "../../lib/protection/support";

useTestDatabase();
usePaymentsInProcess();

const current = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock(import("@/lib/auth/session"), async (original) => ({ ...(await original()), getActor: async () => current.actor }));

const buyerActions = await import("@/lib/protection/actions/buyer");
const sellerActions = await import("@/lib/protection/actions/seller");
const adminActions = await import("@/lib/protection/actions/admin");

// Outside a request the actions answer in the default locale.
const zh = messagesFor("zh-CN").errors as { fields: Record<string, string>; messages: Record<string, string>; codes: Record<string, string> };

type Who = "anonymous" | "buyer" | "buyer2" | "sellerA" | "sellerB" | "admin";
const everyone: Who[] = ["anonymous", "buyer", "buyer2", "sellerA", "sellerB", "admin"];
let w: Awaited<ReturnType<typeof authWorld>> & { buyer2: Actor };
const actorOf = (who: Who): Actor | null => (who === "anonymous" ? null : w[who]);

async function as<T>(who: Who, call: () => Promise<T>): Promise<T | { redirect: string }> {
  current.actor = actorOf(who);
  try {
    return await call();
  } catch (e) {
    const digest = String((e as { digest?: string }).digest ?? "");
    if (digest.startsWith("NEXT_REDIRECT")) return { redirect: digest.split(";")[2] };
    throw e;
  } finally {
    current.actor = null;
  }
}

function codeOf(r: unknown): string {
  const result = r as { ok?: boolean; code?: string; redirect?: string };
  if (result.redirect) return "redirect";
  return result.ok ? "ok" : String(result.code);
}

/** Everyone but `allowed` is turned away (anonymous: sign in; the rest: 404) and nothing changes; then `allowed` succeeds. */
async function only(allowed: Who, call: () => Promise<unknown>, ok = "ok") {
  const before = await getDb().caseEvent.count();
  for (const who of everyone.filter((x) => x !== allowed)) {
    expect(codeOf(await as(who, call)), `${who} must be refused`).toBe(who === "anonymous" ? "UNAUTHENTICATED" : "NOT_FOUND");
  }
  expect(await getDb().caseEvent.count(), "refused calls change nothing").toBe(before);
  expect(codeOf(await as(allowed, call)), `${allowed} is allowed`).toBe(ok);
}

function form(fields: Record<string, string | string[]>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) fd.append(k, x);
  return fd;
}

beforeAll(async () => {
  const world = await authWorld();
  w = { ...world, buyer2: await actorFor((await createUser("BUYER")).id) };
  await getDb().store.update({ where: { id: w.storeA.id }, data: { returnRecipient: "退货仓", returnPhone: "13800000000", returnAddress: "杭州市西湖区 1 号" } });
});

const desc = { type: "REFUND_ONLY" as const, reason: "QUALITY" as const, description: "质量问题" };

async function freshCase(type: "REFUND_ONLY" | "RETURN_AND_REFUND" = "REFUND_ONLY") {
  const { orderId, lineIds } = await paidOrder(w);
  await ship(w, orderId);
  const { id } = await openRequest(w.buyer, { ...desc, type, orderId, lineIds, amountFen: 1000 });
  return { id, orderId, lineIds };
}
const statusOf = async (id: string) => (await getDb().afterSaleRequest.findUniqueOrThrow({ where: { id } })).status;

describe("the buyer's actions", () => {
  it("openRequestAction: buyers only; goes on to the new case; field errors come back translated", async () => {
    const { orderId, lineIds } = await paidOrder(w);
    const input = { orderId, lineIds, type: "REFUND_ONLY" as const, reason: "NOT_SHIPPED" as const, description: "一直没发货", evidenceImageIds: [], amount: "10.00" };
    for (const who of everyone.filter((x) => x !== "buyer")) {
      expect(codeOf(await as(who, () => buyerActions.openRequestAction(input))), who).toBe(who === "anonymous" ? "UNAUTHENTICATED" : "NOT_FOUND");
    }
    const bad = await as("buyer", () => buyerActions.openRequestAction({ ...input, amount: "10.001", lineIds: [] }));
    expect(bad).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { amount: [zh.fields.amountFormat], lineIds: [zh.fields.linesRequired] } });
    const tooMuch = await as("buyer", () => buyerActions.openRequestAction({ ...input, amount: "10.01" }));
    expect(tooMuch).toMatchObject({ ok: false, fieldErrors: { amount: [zh.fields.amountAboveRefundable] } });
    const r = await as("buyer", () => buyerActions.openRequestAction(input));
    const created = await getDb().afterSaleRequest.findFirstOrThrow({ where: { orderId } });
    expect(r).toEqual({ redirect: `/cases/${created.id}` });
    expect(created.requestedFen).toBe(1000);
  });

  it("acceptOfferAction / declineOfferAction / withdrawRequestAction: only the case's buyer", async () => {
    const a = await freshCase();
    await sellerOffer(w.sellerA, w.storeA.id, a.id, { amountFen: 500 });
    await only("buyer", () => buyerActions.acceptOfferAction({ requestId: a.id }));
    expect(await statusOf(a.id)).toMatch(/REFUND/);
    const b = await freshCase();
    await sellerOffer(w.sellerA, w.storeA.id, b.id, { amountFen: 500 });
    await only("buyer", () => buyerActions.declineOfferAction({ requestId: b.id }));
    expect(await statusOf(b.id)).toBe("REJECTED");
    const c = await freshCase();
    await only("buyer", () => buyerActions.withdrawRequestAction({ requestId: c.id }));
    expect(await statusOf(c.id)).toBe("WITHDRAWN");
    // A state error comes back as a specific message, not a crash.
    expect(await as("buyer", () => buyerActions.withdrawRequestAction({ requestId: c.id }))).toMatchObject({ ok: false, code: "INVALID_STATE", error: zh.messages.caseMovedOn });
  });

  it("shipReturnAction: the form keeps what was typed on an error", async () => {
    const c = await freshCase("RETURN_AND_REFUND");
    await sellerAccept(w.sellerA, w.storeA.id, c.id);
    const bad = await as("buyer", () => shipReturn(c.id, "SF", "x1"));
    expect(bad).toMatchObject({ ok: false, fieldErrors: { trackingNo: [zh.fields.trackingFormat] }, values: { carrier: "SF", trackingNo: "x1" } });
    await only("buyer", () => shipReturn(c.id, "SF", "SF3333333333"));
    expect(await statusOf(c.id)).toBe("RETURN_SHIPPED");
  });

  it("escalateAction, buyerEvidenceAction, buyerMessageAction", async () => {
    const c = await freshCase();
    await sellerReject(w.sellerA, w.storeA.id, c.id, { reason: "不同意" });
    await only("buyer", () => buyerActions.escalateAction(null, form({ requestId: c.id, statement: "卖家无理拒绝" })));
    const complaint = await getDb().complaint.findUniqueOrThrow({ where: { requestId: c.id } });
    await requestEvidence(w.admin, complaint.id, { from: "BUYER", note: "请补充照片", hours: 24 });
    await only("buyer", () => buyerActions.buyerEvidenceAction(null, form({ requestId: c.id, note: "这是照片说明" })));
    await only("buyer", () => buyerActions.buyerMessageAction(null, form({ requestId: c.id, body: "请尽快处理" })));
    const empty = await as("buyer", () => buyerActions.buyerMessageAction(null, form({ requestId: c.id, body: "  " })));
    expect(empty).toMatchObject({ ok: false, fieldErrors: { body: [zh.fields.required] } });
  });
});

const shipReturn = (requestId: string, carrier: string, trackingNo: string) => buyerActions.shipReturnAction(null, form({ requestId, carrier, trackingNo }));

describe("the seller's actions", () => {
  const ref = (id: string) => ({ storeId: w.storeA.id, requestId: id });

  it("acceptRequestAction / confirmReturnAction: the store's sellers only", async () => {
    const a = await freshCase();
    await only("sellerA", () => sellerActions.acceptRequestAction(ref(a.id)));
    expect(await statusOf(a.id)).toMatch(/REFUND/);
    const b = await freshCase("RETURN_AND_REFUND");
    await sellerAccept(w.sellerA, w.storeA.id, b.id);
    await buyerShipReturn(w.buyer, b.id, { carrier: "SF", trackingNo: "SF4444444444" });
    await only("sellerA", () => sellerActions.confirmReturnAction(ref(b.id)));
    // Store B's seller naming their own store reaches nothing.
    const c = await freshCase();
    expect(codeOf(await as("sellerB", () => sellerActions.acceptRequestAction({ storeId: w.storeB.id, requestId: c.id })))).toBe("NOT_FOUND");
  });

  it("acceptReturnAction: address errors come back per field", async () => {
    const c = await freshCase("RETURN_AND_REFUND");
    const bad = await as("sellerA", () => sellerActions.acceptReturnAction(null, form({ ...ref(c.id), recipient: "", phone: "12", address: "短" })));
    expect(bad).toMatchObject({
      ok: false,
      fieldErrors: { "returnAddress.recipient": [zh.fields.required], "returnAddress.phone": [zh.fields.phoneFormat], "returnAddress.address": [zh.fields.tooShort] },
      values: { phone: "12" },
    });
    await only("sellerA", () => sellerActions.acceptReturnAction(null, form({ ...ref(c.id), recipient: "张三", phone: "13900001111", address: "上海市浦东新区 8 号" })));
    expect(await statusOf(c.id)).toBe("AWAITING_RETURN");
  });

  it("rejectRequestAction / offerAction / rejectReturnAction", async () => {
    const a = await freshCase();
    await only("sellerA", () => sellerActions.rejectRequestAction(null, form({ ...ref(a.id), reason: "已发货" })));
    expect(await statusOf(a.id)).toBe("REJECTED");
    const b = await freshCase();
    const bad = await as("sellerA", () => sellerActions.offerAction(null, form({ ...ref(b.id), amount: "10.00", note: "" })));
    expect(bad).toMatchObject({ ok: false, fieldErrors: { amount: [zh.fields.offerNotPartial] }, values: { amount: "10.00" } });
    await only("sellerA", () => sellerActions.offerAction(null, form({ ...ref(b.id), amount: "6.50", note: "补偿" })));
    expect(await getDb().afterSaleRequest.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "OFFER_PENDING", offeredFen: 650 });
    const c = await freshCase("RETURN_AND_REFUND");
    await sellerAccept(w.sellerA, w.storeA.id, c.id);
    await buyerShipReturn(w.buyer, c.id, { carrier: "SF", trackingNo: "SF5555555556" });
    await only("sellerA", () => sellerActions.rejectReturnAction(null, form({ ...ref(c.id), reason: "空包裹" })));
  });

  it("sellerEvidenceAction / sellerMessageAction", async () => {
    const c = await freshCase();
    await sellerReject(w.sellerA, w.storeA.id, c.id, { reason: "不同意" });
    const { complaintId } = await escalateToComplaint(w.buyer, c.id, { statement: "请平台处理" });
    await requestEvidence(w.admin, complaintId, { from: "SELLER", note: "请提供发货凭证", hours: 24 });
    await only("sellerA", () => sellerActions.sellerEvidenceAction(null, form({ ...ref(c.id), note: "见物流截图" })));
    await only("sellerA", () => sellerActions.sellerMessageAction(null, form({ ...ref(c.id), body: "我们已发货" })));
  });
});

describe("the admins' actions", () => {
  async function complaint() {
    const c = await freshCase();
    await sellerReject(w.sellerA, w.storeA.id, c.id, { reason: "不同意" });
    return { ...c, complaintId: (await escalateToComplaint(w.buyer, c.id, { statement: "请平台处理" })).complaintId };
  }

  it("requestEvidenceAction: admins only; the hours are checked", async () => {
    const c = await complaint();
    const bad = await as("admin", () => adminActions.requestEvidenceAction(null, form({ complaintId: c.complaintId, from: "SELLER", note: "请举证", hours: "1000" })));
    expect(bad).toMatchObject({ ok: false, fieldErrors: { hours: [zh.fields.hoursRange] } });
    await only("admin", () => adminActions.requestEvidenceAction(null, form({ complaintId: c.complaintId, from: "SELLER", note: "请举证", hours: "24" })));
  });

  it("settleAction: admins only; a partial refund needs an amount; the decision is audited", async () => {
    const c = await complaint();
    const noAmount = await as("admin", () => adminActions.settleAction(null, form({ complaintId: c.complaintId, outcome: "PARTIAL_REFUND", amount: "", reason: "部分支持买家" })));
    expect(noAmount).toMatchObject({ ok: false, fieldErrors: { amount: [zh.fields.required] } });
    const noReason = await as("admin", () => adminActions.settleAction(null, form({ complaintId: c.complaintId, outcome: "REJECTED", reason: "" })));
    expect(noReason).toMatchObject({ ok: false, fieldErrors: { reason: [zh.fields.decisionReasonRequired] } });
    await only("admin", () => adminActions.settleAction(null, form({ complaintId: c.complaintId, outcome: "PARTIAL_REFUND", amount: "4.00", reason: "部分支持买家" })));
    expect(await getDb().complaint.findUniqueOrThrow({ where: { id: c.complaintId } })).toMatchObject({ status: "SETTLED", settledFen: 400 });
    expect(await getDb().auditLog.count({ where: { subjectId: c.complaintId, action: "COMPLAINT_SETTLE", actorId: w.admin.userId } })).toBe(1);
  });

  it("retryRefundAction / closeRefundAction / adminMessageAction", async () => {
    const failed = async () => {
      const c = await freshCase();
      await sellerAccept(w.sellerA, w.storeA.id, c.id);
      await getDb().refund.updateMany({ where: { afterSaleId: c.id }, data: { status: "ABNORMAL" } });
      await getDb().afterSaleRequest.update({ where: { id: c.id }, data: { status: "REFUND_FAILED" } });
      return c;
    };
    const a = await failed();
    await only("admin", () => adminActions.retryRefundAction(null, form({ requestId: a.id, reason: "重新发起" })));
    const b = await failed();
    await only("admin", () => adminActions.closeRefundAction(null, form({ requestId: b.id, reason: "已线下处理" })));
    const c = await freshCase();
    const before = await getDb().caseMessage.count({ where: { requestId: c.id } });
    for (const who of ["anonymous", "buyer", "buyer2", "sellerA", "sellerB"] as Who[]) {
      expect(codeOf(await as(who, () => adminActions.adminMessageAction(null, form({ requestId: c.id, body: "平台提醒" }))))).toBe(who === "anonymous" ? "UNAUTHENTICATED" : "NOT_FOUND");
    }
    expect(codeOf(await as("admin", () => adminActions.adminMessageAction(null, form({ requestId: c.id, body: "平台提醒" }))))).toBe("ok");
    expect(await getDb().caseMessage.count({ where: { requestId: c.id } })).toBe(before + 1);
    expect(await getDb().auditLog.count({ where: { subjectId: c.id, action: "CASE_MESSAGE" } })).toBe(1);
  });
});
