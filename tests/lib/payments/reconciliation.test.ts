// Reconciliation against the sandbox's trade bill and profit-sharing results: a day of
// payments, a refund and a settlement reconciles with no discrepancy; a bill with a line left
// out or changed by a fault gives exactly that discrepancy; a trade WeChat Pay has and we do not
// is found; admins resolve with a note (audited).
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { confirmReceipt, shipOrder } from "@/lib/orders/lifecycle";
import { getPaymentsGateway } from "@/lib/payments/gateway";
import { outRefundNoFor } from "@/lib/orders/numbers";
import { createRefund } from "@/lib/payments/refund-state";
import { beijingDate, listReconciliation, parseShareBill, parseTradeBill, reconcileBillsJob, reconcileDay, resolveDiscrepancy } from "@/lib/payments/reconciliation";
import { openSettlement, stepSettlement } from "@/lib/payments/settlement";
import { openRequest, sellerAccept } from "@/lib/protection/requests";
import { payOrder } from "@/lib/sandbox/wechatpay/transactions";
import { createItemWithSkus } from "../../support/catalog";
import { useTestDatabase } from "../../support/db";
import { authWorld } from "../../support/fixtures";
import { payAndDeliver, placeTestOrder, usePaymentsInProcess } from "../../support/payments";
import { control, drainSandboxJobs } from "../../support/wechatpay-sandbox";
import { settleRefunds } from "../protection/support";

useTestDatabase();
usePaymentsInProcess();

const DAY = 86_400_000;
let w: Awaited<ReturnType<typeof authWorld>>;
let yesterday: string;

/** Moves everything that happened so far to the same time yesterday, on both sides. */
async function intoYesterday() {
  const db = getDb();
  await db.$executeRaw`UPDATE "SandboxPayTransaction" SET "successTime" = "successTime" - interval '1 day' WHERE "successTime" > now() - interval '1 hour'`;
  await db.$executeRaw`UPDATE "SandboxPayRefund" SET "successTime" = "successTime" - interval '1 day' WHERE "successTime" > now() - interval '1 hour'`;
  await db.$executeRaw`UPDATE "Payment" SET "successTime" = "successTime" - interval '1 day' WHERE "successTime" > now() - interval '1 hour'`;
  await db.$executeRaw`UPDATE "Refund" SET "settledAt" = "settledAt" - interval '1 day' WHERE "settledAt" > now() - interval '1 hour'`;
  await db.$executeRaw`UPDATE "Settlement" SET "sharedAt" = "sharedAt" - interval '1 day', "settledAt" = "settledAt" - interval '1 day' WHERE "settledAt" > now() - interval '1 hour'`;
  await db.$executeRaw`UPDATE "MoneyEvent" SET "createdAt" = "createdAt" - interval '1 day' WHERE type = 'FEE_RETURNED' AND "createdAt" > now() - interval '1 hour'`;
  // WeChat Pay's side of the shares: when they finished, in the rows and in each receiver's finish_time.
  await db.$executeRaw`
    UPDATE "SandboxPayShareOrder" o SET "finishedAt" = o."finishedAt" - interval '1 day',
      receivers = (SELECT jsonb_agg(CASE WHEN r ? 'finish_time'
                     THEN jsonb_set(r, '{finish_time}', to_jsonb(to_char((o."finishedAt" - interval '1 day') AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"')))
                     ELSE r END) FROM jsonb_array_elements(o.receivers) r)
     WHERE o."finishedAt" > now() - interval '1 hour'`;
  await db.$executeRaw`UPDATE "SandboxPayShareReturn" SET "finishTime" = "finishTime" - interval '1 day' WHERE "finishTime" > now() - interval '1 hour'`;
}

beforeAll(async () => {
  w = await authWorld();
  yesterday = beijingDate(new Date(Date.now() - DAY));
  const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 8800, stock: 20 }] });
  const paid = async (storeId = w.storeA.id, skuId = skuIds[0]) => {
    const o = await placeTestOrder(w.buyer, storeId, [{ skuId, quantity: 1 }]);
    await payAndDeliver(w.buyer, o.id);
    return o;
  };
  // A day of traffic: three payments (two stores), a partial refund, a settled order.
  const settled = await paid();
  await shipOrder(w.sellerA, w.storeA.id, settled.id, { carrier: "SF", trackingNo: "SF1234567890123" });
  await confirmReceipt(w.buyer, settled.id);
  await getDb().order.update({ where: { id: settled.id }, data: { completedAt: new Date(Date.now() - 8 * DAY) } });
  await openSettlement(settled.id);
  for (let i = 0; i < 5 && (await stepSettlement(settled.id, { force: true })) !== "SETTLED"; i++) await drainSandboxJobs();
  // Refunded in part after settlement (the platform's decision): the fee on it goes back first (回退).
  const { orderNo } = await getDb().order.findUniqueOrThrow({ where: { id: settled.id }, select: { orderNo: true } });
  await getDb().$transaction((tx) => createRefund(tx, { orderId: settled.id, outRefundNo: outRefundNoFor(orderNo, 1), amountFen: 4400, reason: "平台退款", cause: "ADMIN" }));
  await settleRefunds(settled.id);
  const refunded = await paid();
  const line = await getDb().orderLine.findFirstOrThrow({ where: { orderId: refunded.id } });
  const { id } = await openRequest(w.buyer, { orderId: refunded.id, lineIds: [line.id], type: "REFUND_ONLY", reason: "NOT_RECEIVED", description: "少了一盒", amountFen: 2000 });
  await sellerAccept(w.sellerA, w.storeA.id, id);
  await settleRefunds(refunded.id);
  const b = await createItemWithSkus(w.storeB.id, { skus: [{ priceFen: 1234, stock: 5 }] });
  await paid(w.storeB.id, b.skuIds[0]);
  await intoYesterday();
});

describe("reconciling a day", () => {
  it("reads WeChat Pay's bill format: backticked values, columns by name, a summary", () => {
    const header = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
    const row = "`2026-12-06 10:00:00,`wx1,`1900000109,`1900000101,`,`4200001,`LS1,`o1,`JSAPI,`SUCCESS,`OTHERS,`CNY,`88.00,`0.00,`0,`0,`0.00,`0.00,`,`,`茶, 一盒,`,`0.53,`0.60%,`88.00,`0.00,`";
    const bill = parseTradeBill(`${header}\r\n${row}\r\n总交易单数,应结订单总金额\r\n\`1,\`88.00\r\n`);
    expect(bill.lines).toEqual([expect.objectContaining({ subMchid: "1900000101", transactionId: "4200001", tradeState: "SUCCESS", settleFen: 8800, refundFen: 0 })]);
    expect(bill.summary).toEqual({ 总交易单数: "1", 应结订单总金额: "88.00" });
    expect(() => parseTradeBill(`${header}\r\n${row.slice(1)}\r\n总交易单数\r\n\`1\r\n`)).toThrow(/backtick/);
  });

  it("reads WeChat Pay's profit-sharing bill: 分账, 解冻 and 回退 lines by column name, yuan to fen", () => {
    const header = "create_time,initiator,sponsor,sub_mchid,transaction_id,order_id,out_order_no,detail_id,receiver_account,amount,currency,settlement_amount,settlement_currency,exchange_rate,business_type,status,description";
    const row = (type: string, outNo: string, receiver: string, yuan: string) => `\`2026-12-06 10:00:00,\`1900000109,\`1900000101,\`1900000101,\`4200001,\`3000001,\`${outNo},\`3601,\`${receiver},\`${yuan},\`CNY,\`${yuan},\`CNY,\`1,\`${type},\`SUCCESS,\`平台技术服务费`;
    const text = `\uFEFF${header}\r\n${row("分账", "SLS1", "1900000109", "0.88")}\r\n${row("解冻", "SLS1U", "1900000101", "87.12")}\r\ntotal_count,share_amount\r\n\`2,\`0.88\r\n`;
    expect(parseShareBill(text).lines).toEqual([
      expect.objectContaining({ businessType: "分账", outOrderNo: "SLS1", receiver: "1900000109", amountFen: 88, subMchid: "1900000101", status: "SUCCESS" }),
      expect.objectContaining({ businessType: "解冻", outOrderNo: "SLS1U", receiver: "1900000101", amountFen: 8712 }),
    ]);
    expect(() => parseShareBill(text.replace("receiver_account", "account"))).toThrow(/receiver_account/);
  });

  it("matches every payment, refund, share, unfreeze and fee return of a day of traffic: no discrepancy", async () => {
    const r = await reconcileDay(yesterday);
    expect(r!.findings).toEqual([]);
    // Trade bill: 3 payments + 2 refunds. Profit-sharing bill: the settled order's share, unfreeze and fee return.
    expect([r!.billLines, r!.matched]).toEqual([8, 8]);
    expect(await getDb().reconRun.findUniqueOrThrow({ where: { billDate: yesterday } })).toMatchObject({ status: "DONE", discrepancies: 0 });
    // Once a day: the job does not run it again.
    expect(await reconcileDay(yesterday)).toBeNull();
  });

  it("finds exactly the line a faulty bill leaves out, and exactly the one it changes", async () => {
    await control({ billDropLine: 1 });
    const dropped = await reconcileDay(yesterday, { force: true });
    expect(dropped!.findings).toEqual([expect.objectContaining({ kind: "MISSING_IN_BILL", subject: "PAYMENT" })]);
    await control({ billAlterLine: 1 });
    const altered = await reconcileDay(yesterday, { force: true });
    expect(altered!.findings).toEqual([expect.objectContaining({ kind: "AMOUNT_MISMATCH", subject: "PAYMENT" })]);
    const f = altered!.findings[0];
    expect((f.theirs as { amountFen: number }).amountFen).toBe((f.ours as { amountFen: number }).amountFen + 1);
    // Run again with a good bill: the day is clean again.
    expect((await reconcileDay(yesterday, { force: true }))!.findings).toEqual([]);
  });

  it("finds exactly the profit-sharing line a faulty bill leaves out, and exactly the one it changes", async () => {
    await control({ shareBillDropLine: 1 });
    const dropped = await reconcileDay(yesterday, { force: true });
    // The first line of the day: the fee share (asked about directly, it finished yesterday: a real difference).
    expect(dropped!.findings).toEqual([expect.objectContaining({ kind: "MISSING_IN_BILL", subject: "SHARE" })]);
    await control({ shareBillAlterLine: 1 });
    const altered = await reconcileDay(yesterday, { force: true });
    expect(altered!.findings).toEqual([expect.objectContaining({ kind: "AMOUNT_MISMATCH", subject: "SHARE" })]);
    const f = altered!.findings[0];
    expect((f.theirs as { amountFen: number }).amountFen).toBe((f.ours as { amountFen: number }).amountFen + 1);
    expect((await reconcileDay(yesterday, { force: true }))!.findings).toEqual([]);
  });

  it("a share WeChat Pay finished on the other side of midnight is no difference on either day", async () => {
    // Our books say yesterday; WeChat Pay finished the unfreeze today (so yesterday's bill lacks it).
    const db = getDb();
    const s = await db.settlement.findFirstOrThrow({ where: { state: "SETTLED", sharedAt: { not: null } } });
    await db.$executeRaw`UPDATE "SandboxPayShareOrder" SET "finishedAt" = now(), receivers = (SELECT jsonb_agg(jsonb_set(r, '{finish_time}', to_jsonb(to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"')))) FROM jsonb_array_elements(receivers) r) WHERE "outOrderNo" = ${`${s.outOrderNo}U`}`;
    const r = await reconcileDay(yesterday, { force: true });
    expect(r!.findings).toEqual([]);
    expect(r!.billLines).toBe(7);
    // Put it back for the tests after this one.
    await db.$executeRaw`UPDATE "SandboxPayShareOrder" SET "finishedAt" = ${s.settledAt} WHERE "outOrderNo" = ${`${s.outOrderNo}U`}`;
  });

  it("finds a payment WeChat Pay has and our books do not", async () => {
    const gw = getPaymentsGateway();
    const mchId = (await getDb().store.findUniqueOrThrow({ where: { id: w.storeA.id } })).mchId;
    const { prepayId } = await gw.createJsapiPayment({ subMchId: mchId, outTradeNo: `X${Date.now()}`, description: "别处下的单", amountFen: 500, payerOpenid: "oStranger", notifyUrl: "https://elsewhere.example/n" });
    await payOrder(prepayId);
    await intoYesterday();
    const r = await reconcileDay(yesterday, { force: true });
    expect(r!.findings).toEqual([expect.objectContaining({ kind: "MISSING_IN_BOOKS", subject: "PAYMENT", theirs: expect.objectContaining({ amountFen: 500, subMchid: mchId }) })]);

    // An admin resolves it with a note; it stays resolved through another run.
    const { open } = await listReconciliation(w.admin);
    expect(open).toHaveLength(1);
    await expect(resolveDiscrepancy(w.sellerA, open[0].id, "看过了")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resolveDiscrepancy(w.admin, open[0].id, " ")).rejects.toMatchObject({ code: "VALIDATION" });
    await resolveDiscrepancy(w.admin, open[0].id, "测试下单，已在商户平台关闭并退款");
    await expect(resolveDiscrepancy(w.admin, open[0].id, "again")).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await getDb().auditLog.count({ where: { action: "RECON_RESOLVE", subjectId: open[0].id } })).toBe(1);
    await reconcileDay(yesterday, { force: true });
    const after = await listReconciliation(w.admin);
    expect(after.open).toHaveLength(0);
    expect(after.resolved).toEqual([expect.objectContaining({ id: open[0].id, note: "测试下单，已在商户平台关闭并退款" })]);
  });

  it("the daily job reconciles yesterday only from 10:00 Beijing time", async () => {
    await getDb().reconRun.deleteMany({});
    const morning = new Date(`${beijingDate(new Date())}T09:00:00+08:00`);
    await reconcileBillsJob(morning);
    expect(await getDb().reconRun.count()).toBe(0);
    await reconcileBillsJob(new Date(morning.getTime() + 2 * 3600_000));
    expect(await getDb().reconRun.findUnique({ where: { billDate: yesterday } })).toMatchObject({ status: "DONE" });
  });
});
