// Renders every purchase-protection page body to HTML in both languages, for each party and
// each state: a missing translation, a crash on real-looking data, a control without an
// accessible name, or a control shown to the wrong party fails here, without a browser.
// Server actions are stubbed (their wiring is tested in actions.test.ts).
import { createElement as h, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import type { AfterSaleStatus, ComplaintStatus } from "@/lib/db/generated/enums";
import { messagesFor } from "@/lib/i18n/messages";

vi.mock("next/navigation", () => ({ useRouter: () => ({ replace: () => {}, push: () => {}, refresh: () => {} }), usePathname: () => "/" }));
vi.mock("next/image", () => ({ default: (p: { src: string; alt: string }) => h("img", { src: p.src, alt: p.alt }) }));
vi.mock("@/lib/protection/actions/buyer", () => ({
  openRequestAction: vi.fn(),
  acceptOfferAction: vi.fn(),
  declineOfferAction: vi.fn(),
  withdrawRequestAction: vi.fn(),
  shipReturnAction: vi.fn(),
  escalateAction: vi.fn(),
  buyerEvidenceAction: vi.fn(),
  buyerMessageAction: vi.fn(),
}));
vi.mock("@/lib/protection/actions/seller", () => ({
  acceptRequestAction: vi.fn(),
  acceptReturnAction: vi.fn(),
  rejectRequestAction: vi.fn(),
  offerAction: vi.fn(),
  confirmReturnAction: vi.fn(),
  rejectReturnAction: vi.fn(),
  sellerEvidenceAction: vi.fn(),
  sellerMessageAction: vi.fn(),
}));
vi.mock("@/lib/protection/actions/admin", () => ({
  requestEvidenceAction: vi.fn(),
  settleAction: vi.fn(),
  retryRefundAction: vi.fn(),
  closeRefundAction: vi.fn(),
  adminMessageAction: vi.fn(),
}));
vi.mock("@/lib/stores/actions/apply", () => ({ updateProfileAction: vi.fn() }));

const { abilitiesFor } = await import("@/lib/protection/abilities");
const { BuyerCasePage, ConsoleCasePage } = await import("@/components/protection/case-pages");
const { SellerCaseActions } = await import("@/components/protection/seller-case-actions");
const { AdminCaseActions } = await import("@/components/protection/admin-case-actions");
const { ApplyForm } = await import("@/components/protection/apply-form");
const { BuyerCaseList, SellerCaseTable, ComplaintQueueTable, FailedRefundTable, CaseTabs } = await import("@/components/protection/case-lists");
const { EvidenceBundleView } = await import("@/components/protection/evidence-bundle");
const { AuditTable } = await import("@/components/protection/audit-table");
const { BuyerOrderProtection, SellerOrderProtection } = await import("@/components/protection/order-protection");
const { StoreProfileForm } = await import("@/components/stores/store-profile-form");
const { formatSla } = await import("@/components/protection/sla-countdown");
type CaseView = import("@/lib/protection/queries").CaseView;
type Viewer = import("@/lib/protection/abilities").Viewer;

type Locale = "en" | "zh-CN";
const locales: Locale[] = ["en", "zh-CN"];

function renderOk(locale: Locale, node: ReactNode) {
  const missing: string[] = [];
  const html = renderToStaticMarkup(
    h(NextIntlClientProvider, { locale, messages: messagesFor(locale) as never, timeZone: "Asia/Shanghai", onError: (e: Error) => void missing.push(e.message), children: node }),
  );
  expect(missing, "missing or broken messages").toEqual([]);
  expectNamedControls(html);
  return html;
}

/** Every visible input, select, textarea and button has an accessible name. */
function expectNamedControls(html: string) {
  const labelled = new Set([...html.matchAll(/<label[^>]*for="([^"]+)"/g)].map((m) => m[1]));
  for (const m of html.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
    const attrs = m[2];
    if (/type="hidden"/.test(attrs)) continue;
    const id = /\bid="([^"]+)"/.exec(attrs)?.[1];
    // Radios and checkboxes wrapped in their label are named by it.
    const wrapped = /type="(radio|checkbox)"/.test(attrs);
    expect(wrapped || /aria-label="[^"]+"/.test(attrs) || (id && labelled.has(id)), `unnamed control: ${m[0]}`).toBeTruthy();
  }
  for (const m of html.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/g)) {
    const text = m[2].replace(/<[^>]+>/g, "").trim();
    expect(text || /aria-label="[^"]+"/.test(m[1]), `unnamed button: ${m[0]}`).toBeTruthy();
  }
}

const now = new Date("2026-03-01T02:00:00Z");
const at = (h: number) => new Date(now.getTime() + h * 3_600_000);

function view(status: AfterSaleStatus, viewer: Viewer, opts: { type?: "REFUND_ONLY" | "RETURN_AND_REFUND"; complaint?: ComplaintStatus; evidenceFrom?: "BUYER" | "SELLER" } = {}): CaseView {
  const type = opts.type ?? "RETURN_AND_REFUND";
  const complaint = opts.complaint
    ? {
        id: "cp1",
        caseNo: "CP202603010000000001",
        status: opts.complaint,
        statement: "卖家拒绝不合理",
        slaDueAt: at(70),
        evidenceFrom: opts.complaint === "AWAITING_EVIDENCE" ? (opts.evidenceFrom ?? "BUYER") : null,
        evidenceNote: opts.complaint === "AWAITING_EVIDENCE" ? "请提供照片" : null,
        evidenceDueAt: opts.complaint === "AWAITING_EVIDENCE" ? at(24) : null,
        outcome: opts.complaint === "SETTLED" ? ("PARTIAL_REFUND" as const) : null,
        settledFen: opts.complaint === "SETTLED" ? 1200 : null,
        decisionReason: opts.complaint === "SETTLED" ? "核实少发一件" : null,
        settledAt: opts.complaint === "SETTLED" ? now : null,
        createdAt: now,
      }
    : null;
  const deadlines = {
    sellerDueAt: status === "AWAITING_SELLER" || status === "RETURN_SHIPPED" ? at(40) : null,
    buyerDueAt: status === "OFFER_PENDING" || status === "AWAITING_RETURN" ? at(20) : null,
    escalateBy: status === "REJECTED" || status === "CLOSED" ? at(100) : null,
  };
  const state = { type, status, ...deadlines, complaint };
  const field = status === "AWAITING_SELLER" || status === "RETURN_SHIPPED" ? "sellerDueAt" : status === "OFFER_PENDING" || status === "AWAITING_RETURN" ? "buyerDueAt" : status === "REJECTED" ? "escalateBy" : null;
  return {
    id: "r1",
    caseNo: "AS202603010000000001",
    type,
    status,
    reason: "QUALITY",
    description: "开线了\n第二行",
    evidenceImageIds: ["img1", "img2"],
    requestedFen: 3000,
    offeredFen: status === "OFFER_PENDING" ? 1500 : null,
    approvedFen: status === "REFUNDED" ? 3000 : null,
    ...deadlines,
    rejectReason: status === "REJECTED" ? "已经发货" : null,
    returnAddress: status === "AWAITING_RETURN" || status === "RETURN_SHIPPED" ? { recipient: "退货仓", phone: "13800000000", address: "杭州市西湖区 1 号" } : null,
    returnCarrier: status === "RETURN_SHIPPED" ? "SF" : null,
    returnTrackingNo: status === "RETURN_SHIPPED" ? "SF1234567890" : null,
    returnShippedAt: status === "RETURN_SHIPPED" ? now : null,
    returnReceivedAt: null,
    closedAt: null,
    createdAt: now,
    updatedAt: now,
    order: { id: "o1", orderNo: "202603010000000001", status: "SHIPPED", totalFen: 3500, itemsFen: 3000, postageFen: 500, refundedFen: 0, openCases: 1 },
    store: { id: "s1", name: "茶叶小店", slug: "tea" },
    storeReturnAddress: viewer === "SELLER" ? { recipient: "退货仓", phone: "13800000000", address: "杭州市西湖区 1 号" } : null,
    buyer: { id: "b1", name: "王小明" },
    viewer,
    lines: [{ orderLineId: "l1", amountFen: 0, title: "龙井 250g", specKey: "规格:特级", imageId: null, unitPriceFen: 3000, quantity: 1, lineTotalFen: 3000, refundedFen: 0 }],
    complaint,
    events: [
      { id: "1", type: "OPEN", fromStatus: null, toStatus: "AWAITING_SELLER", actorKind: "BUYER", data: { type: "REFUND_ONLY", reason: "NOT_RECEIVED", amountFen: 3000 }, createdAt: now, complaintId: null },
      { id: "2", type: "SELLER_REJECT", fromStatus: "AWAITING_SELLER", toStatus: "REJECTED", actorKind: "SELLER", data: { reason: "已经发货" }, createdAt: now, complaintId: null },
      { id: "3", type: "COMPLAINT_REQUEST_EVIDENCE", fromStatus: "OPEN", toStatus: "AWAITING_EVIDENCE", actorKind: "ADMIN", data: { from: "BUYER", note: "请提供照片" }, createdAt: now, complaintId: "cp1" },
      { id: "4", type: "BUYER_SHIP_RETURN", fromStatus: null, toStatus: null, actorKind: "BUYER", data: { carrier: "SF", trackingNo: "SF1" }, createdAt: now, complaintId: null },
      { id: "5", type: "REFUND_FAILED", fromStatus: null, toStatus: null, actorKind: "PAYMENT", data: { status: "ABNORMAL", amountFen: 3000 }, createdAt: now, complaintId: null },
      { id: "6", type: "AUTO_ACCEPT_REFUND", fromStatus: null, toStatus: null, actorKind: "SYSTEM", data: { returnWaived: true }, createdAt: now, complaintId: null },
    ],
    messages: [
      { id: "m1", authorRole: "BUYER", authorName: "王小明", body: "请尽快处理", imageIds: ["img3"], createdAt: now, complaintId: null },
      { id: "m2", authorRole: "ADMIN", authorName: viewer === "ADMIN" ? "客服小李" : null, body: "平台已介入", imageIds: [], createdAt: now, complaintId: "cp1" },
    ],
    refunds: status === "REFUNDED" ? [{ id: "rf1", outRefundNo: "RF20260301000000000101", amountFen: 3000, status: "SUCCESS", cause: "AFTER_SALE", createdAt: now, settledAt: now }] : [],
    deadline: field ? { at: deadlines[field]!, party: field === "sellerDueAt" ? "SELLER" : "BUYER" } : null,
    maxRefundFen: 3500,
    refundHeldByWechat: false,
    can: abilitiesFor(viewer, state, now),
  };
}

const bundle = {
  order: {
    id: "o1",
    orderNo: "202603010000000001",
    status: "SHIPPED",
    createdAt: now,
    itemsFen: 3000,
    postageFen: 500,
    totalFen: 3500,
    refundedFen: 0,
    protectionTerms: { version: 1 as const, afterSaleDaysAfterReceipt: 7, sellerResponseHours: 48, complaintDaysAfterRejection: 7, maxEvidenceImages: 9 },
    buyerNote: "放门卫",
    shipTo: { recipient: "王小明", city: "杭州市", district: "西湖区" },
    lines: [{ id: "l1", title: "龙井 250g", specKey: "规格:特级", unitPriceFen: 3000, quantity: 1, lineTotalFen: 3000, refundedFen: 0 }],
  },
  payment: { transactionId: "4200000000000000001", paidAt: now, amountFen: 3500, tradeType: "JSAPI" },
  shipping: { carrier: "SF", trackingNo: "SF1234567890", shippedAt: now, autoConfirmAt: at(200), completedAt: null },
  orderEvents: [
    { id: "0", type: "PAYMENT_STARTED", fromStatus: null, toStatus: null, actorKind: "BUYER", data: { tradeType: "JSAPI" }, createdAt: now },
    { id: "1", type: "PAY", fromStatus: "PENDING_PAYMENT", toStatus: "PAID", actorKind: "PAYMENT", data: null, createdAt: now },
  ],
  orderRefunds: [{ id: "rf1", outRefundNo: "RF20260301000000000101", amountFen: 1000, status: "SUCCESS", cause: "AFTER_SALE", afterSaleId: "r1", createdAt: now, settledAt: now }],
};

const STATUSES: AfterSaleStatus[] = ["AWAITING_SELLER", "OFFER_PENDING", "AWAITING_RETURN", "RETURN_SHIPPED", "REFUNDING", "REFUNDED", "REFUND_FAILED", "REJECTED", "ESCALATED", "WITHDRAWN", "CLOSED"];

function sellerPage(c: CaseView) {
  return h(ConsoleCasePage, {
    c,
    serverNow: now.getTime(),
    storeId: "s1",
    actions: h(SellerCaseActions, { storeId: "s1", requestId: c.id, type: c.type, can: c.can, requestedFen: c.requestedFen, maxRefundFen: c.maxRefundFen, savedReturnAddress: c.storeReturnAddress }),
  });
}
function adminPage(c: CaseView) {
  return h(ConsoleCasePage, {
    c,
    serverNow: now.getTime(),
    bundle,
    actions: h(AdminCaseActions, { requestId: c.id, complaintId: c.complaint?.id ?? null, can: c.can, requestedFen: c.requestedFen, maxRefundFen: c.maxRefundFen }),
  });
}

describe("case pages", () => {
  it.each(locales)("render for every party in every state (%s)", (locale) => {
    for (const status of STATUSES) {
      for (const type of ["REFUND_ONLY", "RETURN_AND_REFUND"] as const) {
        const complaint = status === "ESCALATED" ? "OPEN" : undefined;
        renderOk(locale, h(BuyerCasePage, { c: view(status, "BUYER", { type, complaint }), serverNow: now.getTime(), maxImages: 9 }));
        renderOk(locale, sellerPage(view(status, "SELLER", { type, complaint })));
        renderOk(locale, adminPage(view(status, "ADMIN", { type, complaint })));
      }
    }
  });

  it("shows each party exactly its controls, with the labels the journeys use", () => {
    const buyerOffer = renderOk("en", h(BuyerCasePage, { c: view("OFFER_PENDING", "BUYER"), serverNow: now.getTime(), maxImages: 9 }));
    expect(buyerOffer).toContain("Accept ¥15.00");
    expect(buyerOffer).toContain("Decline offer");
    expect(buyerOffer).toContain("Withdraw request");
    expect(buyerOffer).not.toContain("Reject request");

    const buyerReturn = renderOk("en", h(BuyerCasePage, { c: view("AWAITING_RETURN", "BUYER"), serverNow: now.getTime(), maxImages: 9 }));
    expect(buyerReturn).toContain("I have shipped it");
    expect(buyerReturn).toContain("杭州市西湖区 1 号");

    const sellerWaiting = renderOk("en", sellerPage(view("AWAITING_SELLER", "SELLER", { type: "REFUND_ONLY" })));
    expect(sellerWaiting).toContain("Accept and refund ¥30.00");
    expect(sellerWaiting).toContain("Reject request");
    expect(sellerWaiting).toContain("Send offer");
    expect(sellerWaiting).not.toContain("Withdraw request");

    const sellerReturn = renderOk("en", sellerPage(view("AWAITING_SELLER", "SELLER", { type: "RETURN_AND_REFUND" })));
    expect(sellerReturn).toContain("Accept return");
    expect(sellerReturn).toMatch(/value="退货仓"/); // prefilled from the store's settings

    const sellerShipped = renderOk("en", sellerPage(view("RETURN_SHIPPED", "SELLER")));
    expect(sellerShipped).toContain("Confirm return received");
    expect(sellerShipped).toContain("Refuse return");

    const buyerRejected = renderOk("en", h(BuyerCasePage, { c: view("REJECTED", "BUYER"), serverNow: now.getTime(), maxImages: 9 }));
    expect(buyerRejected).toContain("Complain to the platform");

    const evidence = renderOk("en", h(BuyerCasePage, { c: view("ESCALATED", "BUYER", { complaint: "AWAITING_EVIDENCE", evidenceFrom: "BUYER" }), serverNow: now.getTime(), maxImages: 9 }));
    expect(evidence).toContain("Send evidence");
    const sellerNotAsked = renderOk("en", sellerPage(view("ESCALATED", "SELLER", { complaint: "AWAITING_EVIDENCE", evidenceFrom: "BUYER" })));
    expect(sellerNotAsked).not.toContain("Send evidence");

    const admin = renderOk("en", adminPage(view("ESCALATED", "ADMIN", { complaint: "OPEN" })));
    expect(admin).toContain("Settle complaint");
    expect(admin).toContain("Request evidence");
    expect(admin).toContain("Evidence bundle");
    expect(admin).toContain("4200000000000000001");
    expect(admin).toContain("客服小李");
    // Buyers and sellers do not see the admin's name.
    expect(renderOk("en", sellerPage(view("ESCALATED", "SELLER", { complaint: "OPEN" })))).not.toContain("客服小李");

    const failed = renderOk("zh-CN", adminPage(view("REFUND_FAILED", "ADMIN")));
    expect(failed).toContain("重新发起退款");
    expect(failed).toContain("标记为已处理");

    // Codes are never shown as such: the buyer's reason and the trade type are in words, for every party.
    for (const html of [
      renderOk("zh-CN", h(BuyerCasePage, { c: view("AWAITING_SELLER", "BUYER"), serverNow: now.getTime(), maxImages: 9 })),
      renderOk("zh-CN", sellerPage(view("AWAITING_SELLER", "SELLER"))),
      renderOk("zh-CN", adminPage(view("ESCALATED", "ADMIN", { complaint: "OPEN" }))),
    ]) {
      expect(html).toContain("未收到货");
      expect(html).not.toMatch(/NOT_RECEIVED|REFUND_ONLY|AWAITING_SELLER/);
    }
    const adminZh = renderOk("zh-CN", adminPage(view("ESCALATED", "ADMIN", { complaint: "OPEN" })));
    expect(adminZh).toContain("微信内支付");
    expect(adminZh).not.toContain("JSAPI");


    const settled = renderOk("zh-CN", h(BuyerCasePage, { c: view("REFUNDED", "BUYER", { complaint: "SETTLED" }), serverNow: now.getTime(), maxImages: 9 }));
    expect(settled).toContain("核实少发一件");
    expect(settled).toContain("部分退款");
  });
});

describe("forms, lists and order parts", () => {
  const applyData = {
    orderId: "o1",
    orderNo: "202603010000000001",
    orderStatus: "SHIPPED",
    storeName: "茶叶小店",
    openCases: 0,
    types: ["REFUND_ONLY", "RETURN_AND_REFUND"] as ("REFUND_ONLY" | "RETURN_AND_REFUND")[],
    maxEvidenceImages: 9,
    windowUntil: null,
    windowOpen: true,
    lines: [
      { id: "l1", title: "龙井", specKey: "", imageId: null, unitPriceFen: 3000, quantity: 1, lineTotalFen: 3000, remainingFen: 3000, inOpenCase: false },
      { id: "l2", title: "碧螺春", specKey: "", imageId: null, unitPriceFen: 2000, quantity: 1, lineTotalFen: 2000, remainingFen: 0, inOpenCase: true },
    ],
    postageRemainingFen: 500,
    orderRemainingFen: 5500,
    canApply: true,
  };

  it.each(locales)("render (%s)", (locale) => {
    const apply = renderOk(locale, h(ApplyForm, { form: applyData }));
    expect(apply).toMatch(/id="apply-amount"/);
    // Each line's checkbox names the SKU too: two SKUs of one item are told apart.
    const twoSkus = renderOk(locale, h(ApplyForm, { form: { ...applyData, lines: [{ ...applyData.lines[0], specKey: "颜色:红;尺码:S" }, { ...applyData.lines[0], id: "l3", specKey: "颜色:蓝;尺码:M" }] } }));
    expect(twoSkus).toContain(locale === "en" ? 'aria-label="Choose 龙井 (红 / S)"' : 'aria-label="选择 龙井（红 / S）"');
    expect(twoSkus).toContain(locale === "en" ? 'aria-label="Choose 龙井 (蓝 / M)"' : 'aria-label="选择 龙井（蓝 / M）"');
    renderOk(locale, h(ApplyForm, { form: { ...applyData, canApply: false, windowOpen: false } }));
    const row = {
      id: "r1",
      caseNo: "AS1",
      type: "REFUND_ONLY",
      status: "AWAITING_SELLER" as const,
      reason: "QUALITY",
      requestedFen: 1000,
      approvedFen: null,
      createdAt: now,
      orderId: "o1",
      orderNo: "1",
      store: { id: "s1", name: "茶叶小店" },
      buyerName: "王小明",
      title: "龙井",
      imageId: null,
      lineCount: 2,
      complaint: null,
      deadline: { at: at(5), party: "SELLER" as const },
    };
    renderOk(locale, h(BuyerCaseList, { cases: [row, { ...row, id: "r2", deadline: { at: at(-1), party: "BUYER" as const } }], serverNow: now.getTime() }));
    renderOk(locale, h(SellerCaseTable, { storeId: "s1", cases: [row], serverNow: now.getTime() }));
    renderOk(
      locale,
      h(ComplaintQueueTable, {
        complaints: [
          { id: "c1", caseNo: "CP1", status: "AWAITING_EVIDENCE", slaDueAt: at(3), evidenceFrom: "SELLER", evidenceDueAt: at(2), outcome: null, settledFen: null, createdAt: now, settledAt: null, atRisk: true, request: { id: "r1", caseNo: "AS1", type: "REFUND_ONLY", reason: "QUALITY", requestedFen: 1000, status: "ESCALATED" }, store: { id: "s1", name: "店" }, buyerName: "王", orderNo: "1" },
          { id: "c2", caseNo: "CP2", status: "SETTLED", slaDueAt: at(-3), evidenceFrom: null, evidenceDueAt: null, outcome: "FULL_REFUND", settledFen: 1000, createdAt: now, settledAt: now, atRisk: false, request: { id: "r2", caseNo: "AS2", type: "RETURN_AND_REFUND", reason: "DAMAGED", requestedFen: 1000, status: "REFUNDED" }, store: { id: "s1", name: "店" }, buyerName: "王", orderNo: "2" },
        ],
        serverNow: now.getTime(),
      }),
    );
    renderOk(
      locale,
      h(FailedRefundTable, {
        rows: [{ id: "r1", caseNo: "AS1", requestedFen: 1000, approvedFen: 1000, updatedAt: now, store: { id: "s1", name: "店" }, order: { id: "o1", orderNo: "1", totalFen: 1000, refundedFen: 0 }, complaint: null, refund: { id: "rf", outRefundNo: "RF1", amountFen: 1000, status: "ABNORMAL", cause: "AFTER_SALE", createdAt: now } }],
      }),
    );
    renderOk(locale, h(CaseTabs, { label: "tabs", tabs: ["a", "b"] as const, active: "a", hrefFor: (t: string) => `/x?tab=${t}`, labelFor: (t: string) => t, counts: { a: 1 } }));
    renderOk(locale, h(EvidenceBundleView, { bundle, caseRequestId: "r1" }));
    const entry = { id: "1", actorId: "a1", actorName: "客服", action: "COMPLAINT_SETTLE", subjectType: "Complaint", subjectId: "cp1", reason: "核实", data: { outcome: "FULL_REFUND", amountFen: 3000 }, createdAt: now };
    const audit = renderOk(
      locale,
      h(AuditTable, {
        entries: [
          { ...entry, subject: { type: "Complaint", label: "CP202603010000000001", href: "/admin/complaints/cp1" } },
          { ...entry, id: "2", action: "STORE_APPROVE", subjectType: "Store", subjectId: "s1", reason: null, data: null, subject: { type: "Store", label: "茶叶小店", href: "/admin/stores/s1" } },
          { ...entry, id: "3", action: "FEE_RATE_SET", subjectType: "FeeRate", subjectId: "platform", reason: null, data: { before: 100, after: 60 }, subject: { type: "FeeRate", label: null, href: "/admin/funds" } },
          { ...entry, id: "4", action: "COMPLAINT_REQUEST_EVIDENCE", data: { from: "SELLER", hours: 48, dueAt: now.toISOString() }, subject: { type: "Complaint", label: "CP202603010000000001", href: "/admin/complaints/cp1" } },
        ],
      }),
    );
    expect(audit).toContain('href="/admin/complaints/cp1"');
    expect(audit).toContain("CP202603010000000001");
    expect(audit).toContain('href="/admin/stores/s1"');
    expect(audit).toContain(locale === "en" ? "Approved a store" : "通过店铺申请");
    expect(audit).toContain("1% → 0.6%");
    expect(audit).toContain("¥30.00");
    // Never the raw data or Model:id.
    expect(audit).not.toMatch(/\{&quot;|\{"|Complaint:|Store:|FeeRate:|FULL_REFUND|SELLER|COMPLAINT_SETTLE/);
    const cases = [{ id: "r1", caseNo: "AS1", status: "AWAITING_SELLER" as const, type: "REFUND_ONLY", requestedFen: 1000, createdAt: now }];
    const buyerPart = renderOk(locale, h(BuyerOrderProtection, { orderId: "o1", p: { openCases: 1, cases, canApply: true, windowUntil: at(100) } }));
    expect(buyerPart).toContain("/orders/o1/after-sale/new");
    expect(buyerPart).toContain(locale === "en" ? "In after-sale" : "维权中");
    renderOk(locale, h(SellerOrderProtection, { storeId: "s1", p: { openCases: 0, cases } }));
    const profile = renderOk(locale, h(StoreProfileForm, { storeId: "s1", initial: { name: "店", logoImageId: null, description: "", contactPhone: "13800138000", returnRecipient: "退货仓", returnPhone: "0571-88888888", returnAddress: "杭州" } }));
    expect(profile).toMatch(/name="returnAddress"/);
  });

  it("formats the countdown with days only when there are any", () => {
    expect(formatSla(59_000)).toEqual({ days: 0, clock: "00:00:59" });
    expect(formatSla(2 * 86_400_000 + 3 * 3_600_000 + 4 * 60_000 + 5_000)).toEqual({ days: 2, clock: "03:04:05" });
    expect(formatSla(-3_600_000)).toEqual({ days: 0, clock: "01:00:00" });
  });
});
