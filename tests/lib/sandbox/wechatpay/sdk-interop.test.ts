// An independent WeChat Pay v3 SDK (wechatpay-axios-plugin, on axios over real HTTP), used
// unchanged and pointed at the sandbox as a developer would point it at api.mch.weixin.qq.com:
// the keys the sandbox generated under DATA_DIR/wechatpay-sandbox/, its signing and its response
// verification. Our protocol tests build requests by hand; this shows the sandbox speaks the
// protocol another implementation speaks, in service-provider (partner) mode.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Aes, Formatter, Rsa, Wechatpay } from "wechatpay-axios-plugin";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { merchantConfig, sandboxConfig } from "@/lib/payments/wechatpay/config";
import { beijingDate } from "@/lib/sandbox/wechatpay/bills";
import { payOrder } from "@/lib/sandbox/wechatpay/transactions";
import { useTestDatabase } from "../../../support/db";
import { createStore, createUser } from "../../../support/fixtures";
import { drainSandboxJobs, serveSandboxOverHttp, startReceiver, useWechatPaySandbox } from "../../../support/wechatpay-sandbox";

useTestDatabase();
useWechatPaySandbox();

/** What a developer would copy out of DATA_DIR/wechatpay-sandbox/ to configure an SDK. */
interface SandboxKeys {
  mchid: string;
  appid: string;
  merchantSerial: string;
  merchantPrivateKeyPem: string;
  platformSerial: string;
  platformPublicKeyPem: string;
  apiV3Key: string;
}

function readSandboxKeys(): SandboxKeys {
  merchantConfig(); // writes the public halves next to the generated keys
  const dir = sandboxConfig().keyDir;
  const read = (name: string) => fs.readFileSync(path.join(dir, name), "utf8").trim();
  return {
    mchid: env().WECHATPAY_MCH_ID,
    appid: env().WECHATPAY_APP_ID,
    merchantSerial: read("merchant_serial.txt"),
    merchantPrivateKeyPem: read("apiclient_key.pem"),
    platformSerial: read("platform_serial.txt"),
    platformPublicKeyPem: read("pub_key.pem"),
    apiV3Key: read("apiv3_key.txt"),
  };
}

function sdkClient(baseURL: string, k: SandboxKeys, certs: Record<string, string | crypto.KeyObject> = { [k.platformSerial]: k.platformPublicKeyPem }) {
  return new Wechatpay({ baseURL, mchid: k.mchid, serial: k.merchantSerial, privateKey: k.merchantPrivateKeyPem, certs });
}

/** The body WeChat Pay answers an error with, as the SDK's AxiosError carries it. */
async function rejection(p: Promise<unknown>): Promise<{ status?: number; code?: string; data?: { code?: string; message?: string } }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; response?: { status?: number; data?: { code?: string; message?: string } } };
    return { status: err.response?.status, code: err.code, data: err.response?.data };
  }
  throw new Error("expected the SDK to reject the call");
}

/** A POST's answer body (the SDK's typings give it the request body's type). */
const answer = <T>(res: { data: unknown }) => res.data as T;

const outNo = (prefix: string) => `${prefix}${Date.now()}${crypto.randomBytes(3).toString("hex")}`;

let http: Awaited<ReturnType<typeof serveSandboxOverHttp>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let keys: SandboxKeys;
let wxpay: Wechatpay;
let subMchid: string;
/** A second bound store: the profit-sharing receiver the test adds. */
let partnerMchid: string;
const openid = "oSdkInteropBuyer000000000000";

beforeAll(async () => {
  http = await serveSandboxOverHttp();
  receiver = await startReceiver();
  keys = readSandboxKeys();
  wxpay = sdkClient(`${http.baseUrl}/`, keys);
  const owner = await createUser("SELLER");
  subMchid = (await createStore({ ownerId: owner.id })).mchId!;
  partnerMchid = (await createStore({ ownerId: owner.id })).mchId!;
});

afterAll(async () => {
  await http?.close();
  await receiver?.close();
});

const jsapiOrder = (outTradeNo: string, over: Record<string, unknown> = {}) => ({
  sp_appid: keys.appid,
  sp_mchid: keys.mchid,
  sub_mchid: subMchid,
  description: "SDK 互通测试商品",
  out_trade_no: outTradeNo,
  notify_url: receiver.url,
  amount: { total: 1000, currency: "CNY" },
  payer: { sp_openid: openid },
  settle_info: { profit_sharing: true },
  ...over,
});

const queryOrder = (client: Wechatpay, outTradeNo: string) =>
  client.v3.pay.partner.transactions.outTradeNo._out_trade_no_.get({ out_trade_no: outTradeNo, params: { sp_mchid: keys.mchid, sub_mchid: subMchid } });

describe("a partner order's life through wechatpay-axios-plugin", () => {
  const paidNo = outNo("SDKPAY");
  let prepayId: string;
  let transactionId: string;
  const refundNo = outNo("SDKREF");
  const shareNo = outNo("SDKSHR");

  it("creates a JSAPI order for a bound sub-merchant with profit sharing", async () => {
    const res = await wxpay.v3.pay.partner.transactions.jsapi.post(jsapiOrder(paidNo));
    expect(res.status).toBe(200);
    prepayId = answer<{ prepay_id: string }>(res).prepay_id;
    expect(prepayId).toMatch(/^wx/);
  });

  it("queries it by out_trade_no: NOTPAY", async () => {
    const { data } = await queryOrder(wxpay, paidNo);
    expect(data).toMatchObject({ sp_mchid: keys.mchid, sub_mchid: subMchid, out_trade_no: paidNo, trade_state: "NOTPAY" });
  });

  it("closes another order (204, signed empty body) and then it queries CLOSED", async () => {
    const closedNo = outNo("SDKCLS");
    await wxpay.v3.pay.partner.transactions.jsapi.post(jsapiOrder(closedNo));
    const res = await wxpay.v3.pay.partner.transactions.outTradeNo._out_trade_no_.close.post({ sp_mchid: keys.mchid, sub_mchid: subMchid }, { out_trade_no: closedNo });
    expect(res.status).toBe(204);
    expect((await queryOrder(wxpay, closedNo)).data.trade_state).toBe("CLOSED");
  });

  it("is paid in the sandbox and then queries SUCCESS with a transaction_id", async () => {
    expect(await payOrder(prepayId)).toBe("paid");
    const { data } = await queryOrder(wxpay, paidNo);
    expect(data).toMatchObject({ trade_state: "SUCCESS", amount: { total: 1000 }, payer: { sp_openid: openid } });
    transactionId = data.transaction_id;
    expect(transactionId).toBeTruthy();
  });

  it("sends a payment notification the SDK's own primitives verify and decrypt", async () => {
    await drainSandboxJobs({ until: async () => receiver.received.length > 0 });
    const n = receiver.received[0];
    const h = n.headers;
    expect(h["wechatpay-serial"]).toBe(keys.platformSerial);
    const message = Formatter.response(h["wechatpay-timestamp"], h["wechatpay-nonce"], n.body);
    expect(Rsa.verify(message, h["wechatpay-signature"], Rsa.from(keys.platformPublicKeyPem, Rsa.KEY_TYPE_PUBLIC))).toBe(true);
    const { event_type, resource } = JSON.parse(n.body);
    expect(event_type).toBe("TRANSACTION.SUCCESS");
    const plain = JSON.parse(Aes.AesGcm.decrypt(resource.ciphertext, keys.apiV3Key, resource.nonce, resource.associated_data));
    expect(plain).toMatchObject({ out_trade_no: paidNo, transaction_id: transactionId, trade_state: "SUCCESS", sub_mchid: subMchid });
  });

  it("refunds part of it for the sub-merchant and queries the refund until SUCCESS", async () => {
    const created = answer<{ refund_id: string }>(await wxpay.v3.refund.domestic.refunds.post({
      sub_mchid: subMchid,
      out_trade_no: paidNo,
      out_refund_no: refundNo,
      reason: "SDK 互通测试退款",
      amount: { refund: 100, total: 1000, currency: "CNY" },
    }));
    expect(created).toMatchObject({ out_refund_no: refundNo, out_trade_no: paidNo, status: "PROCESSING", amount: { refund: 100, total: 1000 } });
    const query = () => wxpay.v3.refund.domestic.refunds._out_refund_no_.get({ out_refund_no: refundNo, params: { sub_mchid: subMchid } });
    await drainSandboxJobs({ until: async () => (await query()).data.status === "SUCCESS" });
    expect((await query()).data).toMatchObject({ refund_id: created.refund_id, status: "SUCCESS" });
  });

  it("adds a profit-sharing receiver, its name encrypted with the platform key the SDK holds", async () => {
    const { data } = await wxpay.v3.profitsharing.receivers.add.post(
      {
        sub_mchid: subMchid,
        appid: keys.appid,
        type: "MERCHANT_ID",
        account: partnerMchid,
        name: Rsa.encrypt("Test Trading Co.", Rsa.from(keys.platformPublicKeyPem, Rsa.KEY_TYPE_PUBLIC)),
        relation_type: "PARTNER",
      },
      { headers: { "Wechatpay-Serial": keys.platformSerial } },
    );
    expect(data).toMatchObject({ sub_mchid: subMchid, type: "MERCHANT_ID", account: partnerMchid, relation_type: "PARTNER" });
  });

  it("shares part of the frozen payment to it and queries the share order until FINISHED", async () => {
    const { data: created } = await wxpay.v3.profitsharing.orders.post({
      sub_mchid: subMchid,
      appid: keys.appid,
      transaction_id: transactionId,
      out_order_no: shareNo,
      receivers: [{ type: "MERCHANT_ID", account: partnerMchid, amount: 150, description: "SDK 互通测试分账" }],
      unfreeze_unsplit: true,
    });
    expect(created).toMatchObject({ out_order_no: shareNo, transaction_id: transactionId, state: "PROCESSING" });
    const query = () => wxpay.v3.profitsharing.orders._out_order_no_.get({ out_order_no: shareNo, params: { sub_mchid: subMchid, transaction_id: transactionId } });
    await drainSandboxJobs({ until: async () => (await query()).data.state === "FINISHED" });
    const { data } = await query();
    expect(data.receivers).toEqual(expect.arrayContaining([expect.objectContaining({ account: partnerMchid, amount: 150, result: "SUCCESS" })]));
  });

  it("reads the sub-merchant's share cap, the order by transaction_id and what is left unsplit", async () => {
    const { data: config } = await wxpay.v3.profitsharing.merchantConfigs._sub_mchid_.get({ sub_mchid: subMchid });
    expect(config).toEqual({ sub_mchid: subMchid, max_ratio: 3000 });
    const { data: byId } = await wxpay.v3.pay.partner.transactions.id._transaction_id_.get({ transaction_id: transactionId, params: { sp_mchid: keys.mchid, sub_mchid: subMchid } });
    expect(byId).toMatchObject({ out_trade_no: paidNo, transaction_id: transactionId });
    // The share unfroze the rest (unfreeze_unsplit), so nothing is left to share.
    const { data: amounts } = await wxpay.v3.profitsharing.transactions._transaction_id_.amounts.get({ transaction_id: transactionId });
    expect(amounts).toMatchObject({ transaction_id: transactionId, unsplit_amount: 0 });
  });

  it("fetches yesterday's trade bill and downloads the file the hash names", async () => {
    // A bill exists only for a day that is over: move this payment and refund to yesterday.
    const db = getDb();
    await db.sandboxPayTransaction.updateMany({ where: { outTradeNo: paidNo }, data: { successTime: new Date(Date.now() - 86_400_000) } });
    await db.sandboxPayRefund.updateMany({ where: { outRefundNo: refundNo }, data: { successTime: new Date(Date.now() - 86_400_000) } });
    const billDate = beijingDate(new Date(Date.now() - 86_400_000));
    const { data: bill } = await wxpay.v3.bill.tradebill.get({ params: { bill_date: billDate, sub_mchid: subMchid } });
    expect(bill).toMatchObject({ hash_type: "SHA1" });
    const token = new URL(bill.download_url).searchParams.get("token");
    const file = await wxpay.v3.billdownload.file.get({ params: { token }, responseType: "arraybuffer" });
    const content = Buffer.from(file.data as ArrayBuffer);
    expect(crypto.createHash("sha1").update(content).digest("hex")).toBe(bill.hash_value);
    // The SDK's own bill parser reads it (it cuts the byte-order mark, then splits on ",`").
    const { rows, summary } = Formatter.castCsvBill(content) as { rows: Record<string, string>[]; summary: Record<string, string> };
    expect(rows.map((r) => [r["商户订单号"], r["交易状态"], r["商户退款单号"]])).toEqual([
      [paidNo, "SUCCESS", "0"],
      [paidNo, "REFUND", refundNo],
    ]);
    expect(summary["总交易单数"]).toBe("2");
  });

  it("fetches yesterday's profit-sharing bill and reads it with the SDK's parser", async () => {
    await getDb().sandboxPayShareOrder.updateMany({ where: { outOrderNo: shareNo }, data: { finishedAt: new Date(Date.now() - 86_400_000) } });
    const billDate = beijingDate(new Date(Date.now() - 86_400_000));
    const { data: bill } = await wxpay.v3.profitsharing.bills.get({ params: { bill_date: billDate, sub_mchid: subMchid } });
    expect(bill).toMatchObject({ hash_type: "SHA1" });
    const token = new URL(bill.download_url).searchParams.get("token");
    const file = await wxpay.v3.billdownload.file.get({ params: { token }, responseType: "arraybuffer" });
    const content = Buffer.from(file.data as ArrayBuffer);
    expect(crypto.createHash("sha1").update(content).digest("hex")).toBe(bill.hash_value);
    const { rows } = Formatter.castCsvBill(content) as { rows: Record<string, string>[] };
    // The share to the receiver and the rest unfrozen to the sub-merchant (unfreeze_unsplit).
    expect(rows.map((r) => [r.out_order_no, r.business_type, r.receiver_account === subMchid ? "self" : "receiver", r.status])).toEqual([
      [shareNo, "分账", "receiver", "SUCCESS"],
      [shareNo, "解冻", "self", "SUCCESS"],
    ]);
  });
});

describe("refusals and verification through the SDK", () => {
  it("an order for an unbound sub_mchid fails with WeChat's 403 NO_AUTH", async () => {
    const r = await rejection(wxpay.v3.pay.partner.transactions.jsapi.post(jsapiOrder(outNo("SDKNOB"), { sub_mchid: "1999999999" })));
    expect(r.status).toBe(403);
    expect(r.data).toMatchObject({ code: "NO_AUTH" });
  });

  it("an SDK holding another key under the platform serial refuses the sandbox's answers", async () => {
    const otherKey = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey;
    const wrong = sdkClient(`${http.baseUrl}/`, keys, { [keys.platformSerial]: otherKey });
    const r = await rejection(queryOrder(wrong, outNo("SDKMIS")));
    // The 404 of an unknown order is not verified by the SDK (non-2xx); a real order's answer is.
    expect(r.status).toBe(404);
    const paid = outNo("SDKVER");
    await wxpay.v3.pay.partner.transactions.jsapi.post(jsapiOrder(paid));
    expect((await rejection(queryOrder(wrong, paid))).code).toBe("EV3_RES_HEADER_SIGNATURE_DIGEST");
    expect((await queryOrder(wxpay, paid)).data.trade_state).toBe("NOTPAY");
  });

  it("an SDK that knows another platform serial refuses the sandbox's answers", async () => {
    const stranger = sdkClient(`${http.baseUrl}/`, keys, { PUB_KEY_ID_0000000000000000000000000000: keys.platformPublicKeyPem });
    const r = await rejection(stranger.v3.pay.partner.transactions.jsapi.post(jsapiOrder(outNo("SDKSER"))));
    expect(r.code).toBe("EV3_RES_HEADER_PLATFORM_SERIAL");
  });

  it("a request signed with another merchant key is refused with 401 SIGN_ERROR", async () => {
    const impostor = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const forged = new Wechatpay({ baseURL: `${http.baseUrl}/`, mchid: keys.mchid, serial: keys.merchantSerial, privateKey: impostor, certs: { [keys.platformSerial]: keys.platformPublicKeyPem } });
    const r = await rejection(forged.v3.pay.partner.transactions.jsapi.post(jsapiOrder(outNo("SDKFRG"))));
    expect(r.status).toBe(401);
    expect(r.data).toMatchObject({ code: "SIGN_ERROR" });
  });
});
