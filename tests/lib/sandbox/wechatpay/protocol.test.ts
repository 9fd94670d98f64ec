// The sandbox speaks API v3 as api.mch.weixin.qq.com does: requests are refused with
// 401 SIGN_ERROR unless signed by the merchant (right key, mchid, serial, fresh timestamp,
// untouched body), every answer is signed by the platform key, and bodies are validated with
// WeChat Pay's error codes. Requests here are built by hand, independently of our adapter,
// in the parameter order the official Go SDK uses and with its trailing newline.
import crypto, { type KeyObject } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { env, resetEnvForTests } from "@/lib/env";
import { merchantConfig, sandboxConfig } from "@/lib/payments/wechatpay/config";
import { requestMessage, responseMessage, signSha256Rsa, verifySha256Rsa } from "@/lib/payments/wechatpay/crypto";
import { useTestDatabase } from "../../../support/db";
import { routeToSandbox, useWechatPaySandbox } from "../../../support/wechatpay-sandbox";

useTestDatabase();
useWechatPaySandbox();

const impostor = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;

interface SignOpts {
  key?: KeyObject;
  mchid?: string;
  serial?: string;
  timestamp?: number;
  /** Signs this body but sends the real one. */
  signedBody?: string;
  authorization?: string | null;
}

/** A request signed like wechatpay-go does: mchid, nonce_str, timestamp, serial_no, signature. */
async function call(method: "GET" | "POST", path: string, body?: unknown, opts: SignOpts = {}) {
  const cfg = sandboxConfig();
  const url = new URL(`${env().WECHATPAY_BASE_URL}${path}`);
  // Go's json.Encoder ends the body with a newline; it is part of what is signed.
  const text = body === undefined ? "" : typeof body === "string" ? body : `${JSON.stringify(body)}\n`;
  const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = crypto.randomBytes(16).toString("hex").toUpperCase();
  const key = opts.key ?? merchantKey();
  const signature = signSha256Rsa(key, requestMessage(method, url.pathname + url.search, ts, nonce, opts.signedBody ?? text));
  const headers: Record<string, string> = { Accept: "*/*", "Content-Type": "application/json" };
  const auth =
    opts.authorization !== undefined
      ? opts.authorization
      : `WECHATPAY2-SHA256-RSA2048 mchid="${opts.mchid ?? cfg.mchId}",nonce_str="${nonce}",timestamp="${ts}",serial_no="${opts.serial ?? cfg.merchantSerial}",signature="${signature}"`;
  if (auth !== null) headers.Authorization = auth;
  const res = await routeToSandbox(new Request(url, { method, headers, body: method === "POST" ? text : undefined }));
  const raw = await res.text();
  let json: Record<string, unknown> | null = null;
  try {
    json = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
  } catch {
    // not JSON (the 404 of a switched-off sandbox)
  }
  return { res, raw, json };
}

// The merchant's private key as our configuration holds it (the sandbox holds only the public half).
const merchantKey = () => merchantConfig().merchantPrivateKey;

function expectPlatformSigned(res: Response, raw: string) {
  const cfg = sandboxConfig();
  const h = res.headers;
  expect(h.get("wechatpay-serial")).toBe(cfg.platformSerial);
  expect(h.get("request-id")).toBeTruthy();
  const message = responseMessage(h.get("wechatpay-timestamp")!, h.get("wechatpay-nonce")!, raw);
  expect(verifySha256Rsa(crypto.createPublicKey(cfg.platformPrivateKey), message, h.get("wechatpay-signature")!)).toBe(true);
}

const order = (over: Record<string, unknown> = {}) => ({
  appid: sandboxConfig().appId,
  mchid: sandboxConfig().mchId,
  description: "测试商品",
  out_trade_no: `P${Date.now()}${crypto.randomBytes(3).toString("hex")}`,
  notify_url: "https://shop.example.com/notify",
  amount: { total: 100, currency: "CNY" },
  payer: { openid: "oTestOpenid0000000000000000" },
  ...over,
});

describe("request signatures", () => {
  it("accepts a correctly signed request (Go SDK parameter order, trailing newline)", async () => {
    const { res, json, raw } = await call("POST", "/v3/pay/transactions/jsapi", order());
    expect(res.status).toBe(200);
    expect(json).toEqual({ prepay_id: expect.stringMatching(/^wx/) });
    expectPlatformSigned(res, raw);
  });

  it.each<[string, (body: object) => SignOpts]>([
    ["another key", () => ({ key: impostor })],
    ["a tampered body", (b) => ({ signedBody: `${JSON.stringify({ ...b, amount: { total: 1, currency: "CNY" } })}\n` })],
    ["a timestamp 6 minutes old", () => ({ timestamp: Math.floor(Date.now() / 1000) - 360 })],
    ["a timestamp 6 minutes ahead", () => ({ timestamp: Math.floor(Date.now() / 1000) + 360 })],
    ["another mchid", () => ({ mchid: "1234567890" })],
    ["another serial", () => ({ serial: "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C" })],
    ["no Authorization", () => ({ authorization: null })],
    ["another scheme", () => ({ authorization: 'WECHATPAY2-SHA256-RSA4096 mchid="1"' })],
    ["a parameter missing", () => ({ authorization: 'WECHATPAY2-SHA256-RSA2048 mchid="1900000109",nonce_str="A",timestamp="1",serial_no="B"' })],
  ])("refuses %s with 401 SIGN_ERROR, itself signed", async (_name, opts) => {
    const body = order();
    const { res, json, raw } = await call("POST", "/v3/pay/transactions/jsapi", body, opts(body));
    expect(res.status).toBe(401);
    expect(json).toMatchObject({ code: "SIGN_ERROR", message: expect.any(String) });
    expectPlatformSigned(res, raw);
  });

  it("signs the query string too: changing it after signing is refused", async () => {
    const cfg = sandboxConfig();
    const url = new URL(`${env().WECHATPAY_BASE_URL}/v3/pay/transactions/out-trade-no/ABCDEF123?mchid=${cfg.mchId}`);
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = signSha256Rsa(merchantKey(), requestMessage("GET", url.pathname + url.search, ts, "N1", ""));
    url.searchParams.set("mchid", `${cfg.mchId}0`);
    const res = await routeToSandbox(
      new Request(url, { headers: { Authorization: `WECHATPAY2-SHA256-RSA2048 mchid="${cfg.mchId}",nonce_str="N1",signature="${sig}",timestamp="${ts}",serial_no="${cfg.merchantSerial}"` } }),
    );
    expect(res.status).toBe(401);
  });

  it("signs 404s and 204s as well", async () => {
    const missing = await call("GET", `/v3/pay/transactions/out-trade-no/NO_SUCH_1?mchid=${sandboxConfig().mchId}`);
    expect(missing.res.status).toBe(404);
    expect(missing.json).toEqual({ code: "ORDER_NOT_EXIST", message: "订单不存在" });
    expectPlatformSigned(missing.res, missing.raw);
    const body = order();
    await call("POST", "/v3/pay/transactions/jsapi", body);
    const closed = await call("POST", `/v3/pay/transactions/out-trade-no/${body.out_trade_no}/close`, { mchid: sandboxConfig().mchId });
    expect(closed.res.status).toBe(204);
    expect(closed.raw).toBe("");
    expectPlatformSigned(closed.res, "");
  });
});

describe("request validation", () => {
  it.each<[string, Record<string, unknown>, string, number?]>([
    ["amount.total 0", { amount: { total: 0, currency: "CNY" } }, "/amount/total"],
    ["a currency other than CNY", { amount: { total: 1, currency: "USD" } }, "/amount/currency"],
    ["an out_trade_no of 5 characters", { out_trade_no: "ABCDE" }, "/out_trade_no"],
    ["an out_trade_no with a space", { out_trade_no: "ABC DEF" }, "/out_trade_no"],
    ["no description", { description: undefined }, "/description"],
    ["no payer", { payer: undefined }, "/payer"],
    ["a notify_url with a query", { notify_url: "https://a.example/n?x=1" }, "/notify_url"],
    ["a malformed time_expire", { time_expire: "2024-01-01 10:00:00" }, "/time_expire"],
  ])("answers 400 PARAM_ERROR for %s", async (_name, over, field) => {
    const { res, json } = await call("POST", "/v3/pay/transactions/jsapi", order(over));
    expect(res.status).toBe(400);
    expect(json).toMatchObject({ code: "PARAM_ERROR", detail: { field, location: "body" } });
  });

  it("answers APPID_MCHID_NOT_MATCH for another appid", async () => {
    const { res, json } = await call("POST", "/v3/pay/transactions/jsapi", order({ appid: "wx0000000000000000" }));
    expect([res.status, json?.code]).toEqual([400, "APPID_MCHID_NOT_MATCH"]);
  });

  it("answers PARAM_ERROR for a body that is not JSON, and for a query without mchid", async () => {
    expect((await call("POST", "/v3/pay/transactions/jsapi", "{not json")).json?.code).toBe("PARAM_ERROR");
    const q = await call("GET", "/v3/pay/transactions/out-trade-no/ABCDEF123");
    expect([q.res.status, q.json?.code]).toEqual([400, "PARAM_ERROR"]);
  });

  it("requires scene_info for H5 orders", async () => {
    const { payer: _payer, ...h5 } = order();
    const bad = await call("POST", "/v3/pay/transactions/h5", h5);
    expect(bad.json).toMatchObject({ code: "PARAM_ERROR", detail: { field: "/scene_info" } });
    const good = await call("POST", "/v3/pay/transactions/h5", { ...h5, scene_info: { payer_client_ip: "127.0.0.1", h5_info: { type: "Wap" } } });
    expect(good.res.status).toBe(200);
    expect(good.json?.h5_url).toMatch(/\/sandbox\/wechatpay\/h5\?prepay_id=wx/);
  });

  it("requires one of transaction_id and out_trade_no for a refund, and currency", async () => {
    const r = await call("POST", "/v3/refund/domestic/refunds", { out_refund_no: "R1", amount: { refund: 1, total: 1, currency: "CNY" } });
    expect([r.res.status, r.json?.code]).toEqual([400, "PARAM_ERROR"]);
    const c = await call("POST", "/v3/refund/domestic/refunds", { out_trade_no: "ABCDEF123", out_refund_no: "R1", amount: { refund: 1, total: 1 } });
    expect(c.json).toMatchObject({ code: "PARAM_ERROR", detail: { field: "/amount/currency" } });
  });
});

describe("sandbox switch", () => {
  it("answers 404 for everything when SANDBOX_ENABLED is false", async () => {
    vi.stubEnv("SANDBOX_ENABLED", "false");
    resetEnvForTests();
    try {
      const { res } = await call("POST", "/v3/pay/transactions/jsapi", order());
      expect(res.status).toBe(404);
      expect(res.headers.get("wechatpay-signature")).toBeNull();
    } finally {
      vi.stubEnv("SANDBOX_ENABLED", "true");
      resetEnvForTests();
    }
  });
});
