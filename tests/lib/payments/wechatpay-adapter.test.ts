// The WeChat Pay adapter against the built-in sandbox, in-process: the global fetch routes the
// sandbox's base URL to its route handlers (HTTP routing, not a mock), so every request is
// signed, every answer verified, exactly as against api.mch.weixin.qq.com.
import crypto from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { getPaymentsGateway, isRetryable, PaymentInputError, WechatPayError, WechatPayVerificationError } from "@/lib/payments/gateway";
import { WechatPayGateway } from "@/lib/payments/wechatpay/adapter";
import { merchantConfig, sandboxConfig } from "@/lib/payments/wechatpay/config";
import { encryptSensitive, paySignMessage, responseMessage, signSha256Rsa, verifySha256Rsa } from "@/lib/payments/wechatpay/crypto";
import { settleRefund } from "@/lib/sandbox/wechatpay/refunds";
import { payOrder } from "@/lib/sandbox/wechatpay/transactions";
import { bindSubMerchant } from "@/lib/sandbox/wechatpay/sub-merchants";
import { addReceiver } from "@/lib/sandbox/wechatpay/profit-sharing";
import type { PayApiError } from "@/lib/sandbox/wechatpay/protocol";
import { resetEnvForTests } from "@/lib/env";
import { useTestDatabase } from "../../support/db";
import { control, routeToSandbox, sandboxFetch, useWechatPaySandbox } from "../../support/wechatpay-sandbox";

useTestDatabase();
const { realFetch } = useWechatPaySandbox();

const gw = () => getPaymentsGateway();
// Every case runs in both modes: as the platform's own merchant (direct) and as the service
// provider for a bound sub-merchant (partner API). MODE is set by the describe.each below.
let MODE: "direct" | "service_provider" = "service_provider";
const SUB_MCH_ID = "1900000109";
const payee = () => (MODE === "service_provider" ? { subMchId: SUB_MCH_ID } : {});
let seq = 0;
const tradeNo = () => `T${Date.now()}${String(++seq).padStart(4, "0")}`;
const OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

async function newJsapi(amountFen = 1990, extra: Partial<{ outTradeNo: string; description: string; attach: string; timeExpire: Date }> = {}) {
  const outTradeNo = extra.outTradeNo ?? tradeNo();
  const { prepayId } = await gw().createJsapiPayment({ ...payee(),
    outTradeNo,
    description: extra.description ?? "小小店-测试商品",
    amountFen,
    payerOpenid: OPENID,
    notifyUrl: gw().notifyUrl("/api/payments/wechatpay/notify"),
    attach: extra.attach,
    timeExpire: extra.timeExpire,
  });
  return { outTradeNo, prepayId };
}

async function paidOrder(amountFen = 1990) {
  const o = await newJsapi(amountFen);
  expect(await payOrder(o.prepayId)).toBe("paid");
  const t = await gw().queryByOutTradeNo(o.outTradeNo, payee());
  return { ...o, transactionId: t!.transactionId! };
}

async function apiError(p: Promise<unknown>): Promise<WechatPayError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(WechatPayError);
  return e as WechatPayError;
}

describe.each(["service_provider", "direct"] as const)("%s mode", (mode) => {
  beforeAll(() => {
    MODE = mode;
    vi.stubEnv("WECHATPAY_MODE", mode);
    resetEnvForTests();
  });
  beforeEach(async () => {
    if (mode === "service_provider") await bindSubMerchant({ spMchid: merchantConfig().mchId, subMchid: SUB_MCH_ID, name: "测试特约商户" });
  });

  describe("JSAPI and H5 ordering", () => {
    it("creates a JSAPI order and the same request again answers the same prepay_id", async () => {
      const o = await newJsapi(1990, { attach: "order-1" });
      expect(o.prepayId).toMatch(/^wx\d{14}[0-9a-f]{20}$/);
      const again = await newJsapi(1990, { outTradeNo: o.outTradeNo, attach: "order-1" });
      expect(again.prepayId).toBe(o.prepayId);
    });

    it("refuses the same out_trade_no with different parameters (403 OUT_TRADE_NO_USED)", async () => {
      const o = await newJsapi(1990);
      const e = await apiError(newJsapi(2990, { outTradeNo: o.outTradeNo }));
      expect([e.status, e.code]).toEqual([403, "OUT_TRADE_NO_USED"]);
    });

    it("signs JSAPI pay parameters the cashier can verify with the merchant's public key", async () => {
      const { prepayId } = await newJsapi();
      const p = gw().jsapiPayParams(prepayId);
      expect(p).toMatchObject({ appId: merchantConfig().appId, package: `prepay_id=${prepayId}`, signType: "RSA" });
      expect(p.timeStamp).toMatch(/^\d{10}$/);
      expect(verifySha256Rsa(sandboxConfig().merchantPublicKey, paySignMessage(p.appId, p.timeStamp, p.nonceStr, p.package), p.paySign)).toBe(true);
    });

    it("creates an H5 order whose h5_url points at the sandbox cashier", async () => {
      const outTradeNo = tradeNo();
      const { h5Url } = await gw().createH5Payment({ ...payee(), outTradeNo, description: "H5 测试", amountFen: 100, payerClientIp: "203.0.113.7", notifyUrl: gw().notifyUrl("/n") });
      const u = new URL(h5Url);
      expect(u.pathname).toBe("/sandbox/wechatpay/h5");
      expect(u.searchParams.get("prepay_id")).toMatch(/^wx/);
      expect(u.searchParams.get("package")).toMatch(/^\d{10}$/);
      const t = await gw().queryByOutTradeNo(outTradeNo, payee());
      expect(t).toMatchObject({ tradeState: "NOTPAY", transactionId: null, amount: { totalFen: 100 } });
    });

    it("refuses bad input before sending anything", async () => {
      await expect(newJsapi(0)).rejects.toBeInstanceOf(PaymentInputError);
      await expect(newJsapi(100, { outTradeNo: "abc" })).rejects.toMatchObject({ field: "outTradeNo" });
      await expect(gw().createJsapiPayment({ ...payee(), outTradeNo: tradeNo(), description: "x", amountFen: 1, payerOpenid: OPENID, notifyUrl: "https://x.test/n?a=1" })).rejects.toMatchObject({
        field: "notifyUrl",
      });
    });
  });

  describe("queries", () => {
    it("answers an unknown order with null (404 ORDER_NOT_EXIST)", async () => {
      expect(await gw().queryByOutTradeNo("NO_SUCH_ORDER_123", payee())).toBeNull();
      expect(await gw().queryByTransactionId("4200000000202401010000000000", payee())).toBeNull();
    });

    it("reports a paid order by out_trade_no and by transaction_id, with payer and success time", async () => {
      const o = await newJsapi(2500, { attach: "a1" });
      expect(await gw().queryByTransactionId("4200000000202401010000000001", payee())).toBeNull();
      expect(await payOrder(o.prepayId)).toBe("paid");
      const t = await gw().queryByOutTradeNo(o.outTradeNo, payee());
      expect(t).toMatchObject({
        outTradeNo: o.outTradeNo,
        tradeState: "SUCCESS",
        tradeStateDesc: "支付成功",
        tradeType: "JSAPI",
        payerOpenid: OPENID,
        attach: "a1",
        mchId: merchantConfig().mchId,
        appId: merchantConfig().appId,
        subMchId: MODE === "service_provider" ? SUB_MCH_ID : null,
        amount: { totalFen: 2500, payerTotalFen: 2500, currency: "CNY" },
      });
      expect(t!.transactionId).toMatch(/^\d{28}$/);
      expect(Math.abs(t!.successTime!.getTime() - Date.now())).toBeLessThan(60_000);
      expect(await gw().queryByTransactionId(t!.transactionId!, payee())).toEqual(t);
    });

    it("keeps an order with an out_trade_no using | and * intact through signing and routing", async () => {
      const outTradeNo = `A|B*${Date.now()}`;
      await newJsapi(100, { outTradeNo });
      expect(await gw().queryByOutTradeNo(outTradeNo, payee())).toMatchObject({ outTradeNo, tradeState: "NOTPAY" });
    });
  });

  describe("closing", () => {
    it("closes an unpaid order (204), repeats harmlessly, and the cashier then refuses to pay", async () => {
      const o = await newJsapi();
      await gw().closeOrder(o.outTradeNo, payee());
      await gw().closeOrder(o.outTradeNo, payee());
      expect(await gw().queryByOutTradeNo(o.outTradeNo, payee())).toMatchObject({ tradeState: "CLOSED", tradeStateDesc: "订单已关闭" });
      expect(await payOrder(o.prepayId)).toBe("closed");
      const e = await apiError(newJsapi(1990, { outTradeNo: o.outTradeNo }));
      expect([e.status, e.code]).toEqual([400, "ORDER_CLOSED"]);
    });

    it("refuses to close a paid order (ORDERPAID) and to order it again", async () => {
      const o = await paidOrder();
      const e = await apiError(gw().closeOrder(o.outTradeNo, payee()));
      expect([e.status, e.code]).toEqual([400, "ORDERPAID"]);
      expect(e.opts.signed).toBe(true);
      expect((await apiError(newJsapi(1990, { outTradeNo: o.outTradeNo }))).code).toBe("ORDERPAID");
    });

    it("lets exactly one of a concurrent close and payment win", async () => {
      for (let i = 0; i < 5; i++) {
        const o = await newJsapi();
        const [pay, close] = await Promise.allSettled([payOrder(o.prepayId), gw().closeOrder(o.outTradeNo, payee())]);
        const t = (await gw().queryByOutTradeNo(o.outTradeNo, payee()))!;
        if (t.tradeState === "SUCCESS") {
          expect(pay).toEqual({ status: "fulfilled", value: "paid" });
          if (close.status === "rejected") expect((close.reason as WechatPayError).code).toBe("ORDERPAID");
          else throw new Error("close succeeded on a paid order");
        } else {
          expect(t.tradeState).toBe("CLOSED");
          expect(pay).toEqual({ status: "fulfilled", value: "closed" });
        }
      }
    });
  });

  describe("refunds", () => {
    it("refunds in parts that add up to the payment, then refuses one fen more", async () => {
      const o = await paidOrder(1000);
      const r1 = await gw().refund({ ...payee(), outTradeNo: o.outTradeNo, outRefundNo: `${o.outTradeNo}R1`, amountFen: 300, totalFen: 1000, reason: "缺货" });
      expect(r1).toMatchObject({ status: "PROCESSING", outTradeNo: o.outTradeNo, transactionId: o.transactionId, amount: { refundFen: 300, totalFen: 1000 } });
      expect(r1.refundId).toMatch(/^\d{29}$/);
      expect((await gw().queryByOutTradeNo(o.outTradeNo, payee()))!.tradeState).toBe("REFUND");
      await gw().refund({ ...payee(), transactionId: o.transactionId, outRefundNo: `${o.outTradeNo}R2`, amountFen: 700, totalFen: 1000 });
      const e = await apiError(gw().refund({ ...payee(), outTradeNo: o.outTradeNo, outRefundNo: `${o.outTradeNo}R3`, amountFen: 1, totalFen: 1000 }));
      expect([e.status, e.code]).toEqual([400, "INVALID_REQUEST"]);
    });

    it("refuses a refund over the paid amount", async () => {
      const o = await paidOrder(500);
      await expect(gw().refund({ ...payee(), outTradeNo: o.outTradeNo, outRefundNo: `${o.outTradeNo}X`, amountFen: 600, totalFen: 600 })).rejects.toMatchObject({ code: "INVALID_REQUEST" });
    });

    it("answers a repeated refund request with the same refund, and a conflicting one with an error", async () => {
      const o = await paidOrder(800);
      const input = { ...payee(), outTradeNo: o.outTradeNo, outRefundNo: `${o.outTradeNo}R`, amountFen: 200, totalFen: 800 };
      const a = await gw().refund(input);
      const b = await gw().refund(input);
      expect(b.refundId).toBe(a.refundId);
      expect((await apiError(gw().refund({ ...payee(), ...input, amountFen: 300 }))).code).toBe("INVALID_REQUEST");
    });

    it("refuses refunds for unpaid and unknown orders (404 RESOURCE_NOT_EXISTS)", async () => {
      const o = await newJsapi(100);
      const e = await apiError(gw().refund({ ...payee(), outTradeNo: o.outTradeNo, outRefundNo: `${o.outTradeNo}R`, amountFen: 100, totalFen: 100 }));
      expect([e.status, e.code]).toEqual([404, "RESOURCE_NOT_EXISTS"]);
      expect((await apiError(gw().refund({ ...payee(), outTradeNo: "NOPE_12345", outRefundNo: "NOPE_R", amountFen: 1, totalFen: 1 }))).status).toBe(404);
    });

    it("refuses the 51st refund of one order", async () => {
      const o = await paidOrder(100);
      for (let i = 1; i <= 50; i++) await gw().refund({ ...payee(), outTradeNo: o.outTradeNo, outRefundNo: `${o.outTradeNo}_${i}`, amountFen: 1, totalFen: 100 });
      const e = await apiError(gw().refund({ ...payee(), outTradeNo: o.outTradeNo, outRefundNo: `${o.outTradeNo}_51`, amountFen: 1, totalFen: 100 }));
      expect([e.status, e.code]).toEqual([400, "INVALID_REQUEST"]);
      expect(e.message).toContain("50");
    });

    it("never refunds more than paid under concurrent requests", async () => {
      const o = await paidOrder(1000);
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => gw().refund({ ...payee(), outTradeNo: o.outTradeNo, outRefundNo: `${o.outTradeNo}C${i}`, amountFen: 300, totalFen: 1000 })),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
      const sum = await getDb().sandboxPayRefund.aggregate({ where: { outTradeNo: o.outTradeNo }, _sum: { amountRefund: true } });
      expect(sum._sum.amountRefund).toBe(900);
    });

    it("queries a refund: PROCESSING, then SUCCESS once settled; unknown → null", async () => {
      const o = await paidOrder(600);
      const r = await gw().refund({ ...payee(), outTradeNo: o.outTradeNo, outRefundNo: `${o.outTradeNo}Q`, amountFen: 600, totalFen: 600 });
      expect((await gw().queryRefund(r.outRefundNo, payee()))!.status).toBe("PROCESSING");
      const row = await getDb().sandboxPayRefund.findFirstOrThrow({ where: { refundId: r.refundId }, select: { id: true } });
      expect(await settleRefund(row.id)).toBe("SUCCESS");
      const settled = await gw().queryRefund(r.outRefundNo, payee());
      expect(settled).toMatchObject({ status: "SUCCESS", userReceivedAccount: "支付用户零钱" });
      expect(settled!.successTime).toBeInstanceOf(Date);
      expect(await gw().queryRefund("NO_SUCH_REFUND", payee())).toBeNull();
    });

    it("ends a refund ABNORMAL when that fault is set", async () => {
      await control({ refundAbnormal: 1 });
      const o = await paidOrder(100);
      const r = await gw().refund({ ...payee(), outTradeNo: o.outTradeNo, outRefundNo: `${o.outTradeNo}AB`, amountFen: 100, totalFen: 100 });
      const row = await getDb().sandboxPayRefund.findFirstOrThrow({ where: { refundId: r.refundId }, select: { id: true } });
      expect(await settleRefund(row.id)).toBe("ABNORMAL");
      expect((await gw().queryRefund(r.outRefundNo, payee()))!.status).toBe("ABNORMAL");
      await control({ reset: true });
    });
  });

  describe("payment faults", () => {
    it("ends the next payment in PAYERROR when that fault is set, and the next one succeeds", async () => {
      await control({ paymentFails: 1 });
      const o = await newJsapi();
      expect(await payOrder(o.prepayId)).toBe("failed");
      expect(await gw().queryByOutTradeNo(o.outTradeNo, payee())).toMatchObject({ tradeState: "PAYERROR", tradeStateDesc: "支付失败，请重新下单支付" });
      expect(await payOrder(o.prepayId)).toBe("paid");
      expect((await control({})).settings).toMatchObject({ paymentFails: 0 });
    });

    it("refuses payment after time_expire", async () => {
      const o = await newJsapi(100, { timeExpire: new Date(Date.now() + 1000) });
      expect(await payOrder(o.prepayId, new Date(Date.now() + 5000))).toBe("expired");
    });
  });

  describe("response verification", () => {
    /** A gateway whose fetch lets a test rewrite the sandbox's answers on the way back. */
    const gatewayWith = (transform: (res: Response) => Promise<Response>) => new WechatPayGateway(merchantConfig(), { fetch: sandboxFetch(realFetch, transform) });
    const impostor = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;

    async function resign(res: Response, mutate: (h: Headers, body: string) => string | void): Promise<Response> {
      const body = await res.text();
      const headers = new Headers(res.headers);
      const newBody = mutate(headers, body) ?? body;
      return new Response(res.status === 204 ? null : newBody, { status: res.status, headers });
    }

    it("rejects an answer re-signed with another key", async () => {
      const o = await newJsapi();
      const g = gatewayWith((res) =>
        resign(res, (h, body) => {
          h.set("Wechatpay-Signature", signSha256Rsa(impostor, responseMessage(h.get("Wechatpay-Timestamp")!, h.get("Wechatpay-Nonce")!, body)));
        }),
      );
      await expect(g.queryByOutTradeNo(o.outTradeNo, payee())).rejects.toMatchObject({ name: "WechatPayVerificationError", reason: "bad_signature" });
    });

    it("rejects a tampered body, a wrong serial, a stale timestamp and missing headers", async () => {
      const o = await newJsapi(1990);
      const cases: [(h: Headers, body: string) => string | void, string][] = [
        [(_h, body) => body.replace('"total":1990', '"total":1'), "bad_signature"],
        [(h) => void h.set("Wechatpay-Serial", "PUB_KEY_ID_0000000000000000"), "unknown_serial"],
        [(h) => void h.set("Wechatpay-Timestamp", String(Math.floor(Date.now() / 1000) - 301)), "stale_timestamp"],
        [(h) => void h.delete("Wechatpay-Signature"), "missing_headers"],
      ];
      for (const [mutate, reason] of cases) {
        const err = await gatewayWith((res) => resign(res, mutate))
          .queryByOutTradeNo(o.outTradeNo, payee())
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(WechatPayVerificationError);
        expect((err as WechatPayVerificationError).reason).toBe(reason);
      }
    });

    it("also verifies a 204 (its empty body is signed)", async () => {
      const o = await newJsapi();
      const g = gatewayWith((res) => resign(res, (h) => void h.set("Wechatpay-Nonce", "TAMPERED")));
      await expect(g.closeOrder(o.outTradeNo, payee())).rejects.toBeInstanceOf(WechatPayVerificationError);
    });

    it("turns a timeout into a retryable transport error", async () => {
      const slow = new WechatPayGateway({ ...merchantConfig(), timeoutMs: 50 }, { fetch: (_i, init) => new Promise((_r, reject) => init!.signal!.addEventListener("abort", () => reject(init!.signal!.reason))) });
      const e = await slow.queryByOutTradeNo("ANY_ORDER_1", payee()).catch((x: unknown) => x);
      expect(e).toMatchObject({ name: "WechatPayTransportError", reason: "timeout" });
      expect(isRetryable(e)).toBe(true);
    });
  });

  describe("request signing", () => {
    it("signs the path as sent, base path included, so the sandbox accepts it", async () => {
      const base = new URL(merchantConfig().baseUrl);
      expect(base.pathname).toBe("/sandbox/wechatpay");
      const seen: string[] = [];
      const g = new WechatPayGateway(merchantConfig(), {
        fetch: async (input, init) => {
          const req = new Request(input, init);
          seen.push(req.headers.get("authorization")!);
          return routeToSandbox(req);
        },
      });
      expect(await g.queryByOutTradeNo("NOT_THERE_1", payee())).toBeNull();
      expect(seen[0]).toMatch(/^WECHATPAY2-SHA256-RSA2048 mchid="\d+",nonce_str="[A-Z0-9]{32}",signature="[A-Za-z0-9+/=]+",timestamp="\d{10}",serial_no="[0-9A-F]+"$/);
    });
  });
});

describe("service-provider mode: the partner API and sub-merchants", () => {
  beforeAll(() => {
    MODE = "service_provider";
    vi.stubEnv("WECHATPAY_MODE", "service_provider");
    resetEnvForTests();
  });
  const spMchid = () => merchantConfig().mchId;

  it("refuses every call for a sub-merchant not bound to the platform (403 NO_AUTH)", async () => {
    const unbound = { subMchId: "1900000999" };
    const order = { outTradeNo: tradeNo(), description: "x", amountFen: 100, payerOpenid: OPENID, notifyUrl: gw().notifyUrl("/n") };
    const e = await apiError(gw().createJsapiPayment({ ...order, ...unbound }));
    expect([e.status, e.code, e.message]).toEqual([403, "NO_AUTH", "受理关系不存在"]);
    expect((await apiError(gw().queryByOutTradeNo(order.outTradeNo, unbound))).code).toBe("NO_AUTH");
    expect((await apiError(gw().refund({ ...unbound, outTradeNo: order.outTradeNo, outRefundNo: "R1", amountFen: 1, totalFen: 100 }))).code).toBe("NO_AUTH");
    expect((await apiError(gw().shareMaxRatio(unbound.subMchId))).code).toBe("NO_AUTH");
  });

  it("keeps each sub-merchant's orders its own: another sub-merchant cannot see or refund them", async () => {
    await bindSubMerchant({ spMchid: spMchid(), subMchid: SUB_MCH_ID, name: "测试特约商户" });
    await bindSubMerchant({ spMchid: spMchid(), subMchid: "1900000110", name: "另一家店" });
    const o = await paidOrder(500);
    expect(await gw().queryByOutTradeNo(o.outTradeNo, { subMchId: "1900000110" })).toBeNull();
    expect((await apiError(gw().refund({ subMchId: "1900000110", outTradeNo: o.outTradeNo, outRefundNo: `${o.outTradeNo}X`, amountFen: 1, totalFen: 500 }))).status).toBe(404);
    // Paid into the sub-merchant's account, frozen for profit sharing (settle_info.profit_sharing).
    const row = await getDb().sandboxPayTransaction.findFirstOrThrow({ where: { outTradeNo: o.outTradeNo }, select: { mchid: true, subMchid: true, profitSharing: true } });
    expect(row).toEqual({ mchid: spMchid(), subMchid: SUB_MCH_ID, profitSharing: true });
  });

  it("reads the sub-merchant's agreed maximum share and adds the platform as its receiver", async () => {
    await bindSubMerchant({ spMchid: spMchid(), subMchid: SUB_MCH_ID, name: "测试特约商户", maxRatioBps: 2000 });
    expect(await gw().shareMaxRatio(SUB_MCH_ID)).toEqual({ maxRatioBps: 2000 });
    const receiver = { subMchId: SUB_MCH_ID, account: spMchid(), name: sandboxConfig().spName };
    await gw().addShareReceiver(receiver);
    await gw().addShareReceiver(receiver); // idempotent, as WeChat Pay's
    expect(await getDb().sandboxPayShareReceiver.findMany({ where: { subMchid: SUB_MCH_ID }, select: { account: true, type: true, relationType: true } })).toEqual([
      { account: spMchid(), type: "MERCHANT_ID", relationType: "SERVICE_PROVIDER" },
    ]);
    // The name is checked against the receiver's registered name (after decryption with the platform key).
    const e = await apiError(gw().addShareReceiver({ ...receiver, name: "别的公司" }));
    expect([e.status, e.code]).toEqual([400, "INVALID_REQUEST"]);
  });

  it("refuses a receiver whose name was not encrypted for the platform key the request names", async () => {
    await bindSubMerchant({ spMchid: spMchid(), subMchid: SUB_MCH_ID, name: "测试特约商户" });
    const cfg = sandboxConfig();
    const other = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
    const body = (name: string) => ({ sub_mchid: SUB_MCH_ID, appid: cfg.appId, type: "MERCHANT_ID", account: cfg.mchId, name, relation_type: "SERVICE_PROVIDER" });
    const req = (serial: string) => new Request("http://x.test/", { headers: { "Wechatpay-Serial": serial } });
    const refused = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as PayApiError);
    expect(await refused(addReceiver(body(encryptSensitive(other.publicKey, cfg.spName)), req(cfg.platformSerial), cfg))).toMatchObject({ status: 400, code: "PARAM_ERROR", message: "敏感信息解密失败" });
    expect(await refused(addReceiver(body(encryptSensitive(merchantConfig().platformPublicKey, cfg.spName)), req("PUB_KEY_ID_NOT_OURS"), cfg))).toMatchObject({ status: 400, code: "PARAM_ERROR" });
    expect(await refused(addReceiver(body(cfg.spName), req(cfg.platformSerial), cfg))).toMatchObject({ code: "PARAM_ERROR" });
    await expect(addReceiver(body(encryptSensitive(merchantConfig().platformPublicKey, cfg.spName)), req(cfg.platformSerial), cfg)).resolves.toMatchObject({ account: cfg.mchId });
  });
});
