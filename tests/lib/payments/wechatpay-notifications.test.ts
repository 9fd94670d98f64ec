// parseNotification: a genuine notification (built by the sandbox exactly as it delivers one)
// is verified and decrypted; every forgery is refused with the reason. Property tests mutate
// random characters of the body, the signature headers and the ciphertext: nothing but the
// genuine article gets through. No database needed.
import crypto from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getPaymentsGateway } from "@/lib/payments/gateway";
import { merchantConfig, sandboxConfig } from "@/lib/payments/wechatpay/config";
import { aeadEncrypt, toWechatTime } from "@/lib/payments/wechatpay/crypto";
import { notificationBody } from "@/lib/sandbox/wechatpay/notifications";
import { platformSignatureHeaders } from "@/lib/sandbox/wechatpay/protocol";

const successTime = new Date("2024-06-01T02:03:04Z");
const transaction = () => ({
  mchid: sandboxConfig().mchId,
  appid: sandboxConfig().appId,
  out_trade_no: "LS20240601000001",
  transaction_id: "4200001234202406011234567890",
  trade_type: "JSAPI",
  trade_state: "SUCCESS",
  trade_state_desc: "支付成功",
  bank_type: "OTHERS",
  attach: "",
  success_time: toWechatTime(successTime),
  payer: { openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
  amount: { total: 4990, payer_total: 4990, currency: "CNY", payer_currency: "CNY" },
});

function genuine(opts: { resource?: object; eventType?: string; originalType?: string; signedAt?: number } = {}) {
  const row = {
    id: crypto.randomUUID(),
    eventType: opts.eventType ?? "TRANSACTION.SUCCESS",
    summary: "支付成功",
    notifyUrl: "https://shop.example/notify",
    resource: (opts.resource ?? transaction()) as never,
    originalType: opts.originalType ?? "transaction",
    createdAt: new Date(),
  };
  const body = notificationBody(row, sandboxConfig());
  const headers: Record<string, string> = platformSignatureHeaders(body, sandboxConfig(), undefined, opts.signedAt);
  return { id: row.id, body, headers };
}

/** Re-signs a (modified) body genuinely: only what is inside the signature is then wrong. */
const resigned = (body: string) => ({ body, headers: platformSignatureHeaders(body, sandboxConfig()) as Record<string, string> });

const parse = (n: { headers: Record<string, string> | Headers; body: string }) => getPaymentsGateway().parseNotification(n);

function reasonOf(n: { headers: Record<string, string>; body: string }) {
  const r = parse(n);
  return r.ok ? "accepted" : r.reason;
}

function mutate(s: string, i: number, c: string) {
  const idx = i % s.length;
  const replacement = c === s[idx] ? (c === "A" ? "B" : "A") : c;
  return s.slice(0, idx) + replacement + s.slice(idx + 1);
}

describe("parseNotification", () => {
  it("accepts a genuine TRANSACTION.SUCCESS and returns the decrypted, typed transaction", () => {
    const n = genuine();
    const r = parse(n);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.notification).toMatchObject({
      id: n.id,
      kind: "transaction",
      eventType: "TRANSACTION.SUCCESS",
      resourceType: "encrypt-resource",
      summary: "支付成功",
      transaction: {
        outTradeNo: "LS20240601000001",
        transactionId: "4200001234202406011234567890",
        tradeState: "SUCCESS",
        payerOpenid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        mchId: merchantConfig().mchId,
        appId: merchantConfig().appId,
        amount: { totalFen: 4990, payerTotalFen: 4990, currency: "CNY" },
      },
    });
    expect(r.notification.kind === "transaction" && r.notification.transaction.successTime?.getTime()).toBe(successTime.getTime());
  });

  it("accepts headers as a Headers object (a route handler's request.headers)", () => {
    const n = genuine();
    expect(parse({ headers: new Headers(n.headers), body: n.body }).ok).toBe(true);
  });

  it("accepts a genuine REFUND.SUCCESS with the refund notice", () => {
    const n = genuine({
      eventType: "REFUND.SUCCESS",
      originalType: "refund",
      resource: {
        mchid: sandboxConfig().mchId,
        out_trade_no: "LS20240601000001",
        transaction_id: "4200001234202406011234567890",
        out_refund_no: "LS20240601000001R1",
        refund_id: "50300001234202406011234567890",
        refund_status: "SUCCESS",
        success_time: toWechatTime(successTime),
        user_received_account: "支付用户零钱",
        amount: { total: 4990, refund: 990, payer_total: 4990, payer_refund: 990 },
      },
    });
    const r = parse(n);
    expect(r.ok && r.notification.kind === "refund" && r.notification.refund).toMatchObject({ status: "SUCCESS", outRefundNo: "LS20240601000001R1", amount: { refundFen: 990, totalFen: 4990 } });
  });

  it("refuses a tampered body", () => {
    const n = genuine();
    expect(reasonOf({ ...n, body: n.body.replace("支付成功", "支付失败") })).toBe("bad_signature");
  });

  it("refuses a signature made with another key", () => {
    const impostor = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const n = genuine();
    expect(reasonOf({ body: n.body, headers: platformSignatureHeaders(n.body, sandboxConfig(), impostor) })).toBe("bad_signature");
  });

  it("refuses an unknown serial", () => {
    const n = genuine();
    expect(reasonOf({ ...n, headers: { ...n.headers, "Wechatpay-Serial": "5157F09EFDC096DE15EBE81A47057A7232F1B8E1" } })).toBe("unknown_serial");
  });

  it("refuses a timestamp more than 5 minutes off, either way, and accepts one just inside", () => {
    expect(reasonOf(genuine({ signedAt: Date.now() - 301_000 }))).toBe("stale_timestamp");
    expect(reasonOf(genuine({ signedAt: Date.now() + 301_000 }))).toBe("stale_timestamp");
    expect(reasonOf(genuine({ signedAt: Date.now() - 290_000 }))).toBe("accepted");
  });

  it("refuses missing signature headers", () => {
    const n = genuine();
    for (const h of ["Wechatpay-Signature", "Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Serial"]) {
      const headers = { ...n.headers };
      delete headers[h];
      expect(reasonOf({ body: n.body, headers })).toBe("missing_headers");
    }
  });

  it("refuses a resource that is not base64, even when the body is signed", () => {
    const n = genuine();
    const outer = JSON.parse(n.body);
    outer.resource.ciphertext = `${outer.resource.ciphertext.slice(0, -4)}!!!!`;
    expect(reasonOf(resigned(JSON.stringify(outer)))).toBe("undecryptable");
  });

  it("refuses a resource encrypted with another APIv3 key", () => {
    const n = genuine();
    const outer = JSON.parse(n.body);
    outer.resource.ciphertext = aeadEncrypt("ZYXWVUTSRQPONMLKJIHGFEDCBA987654", outer.resource.nonce, "transaction", JSON.stringify(transaction()));
    expect(reasonOf(resigned(JSON.stringify(outer)))).toBe("undecryptable");
  });

  it("refuses malformed notifications: not JSON, unknown event, mismatched type, incomplete resource", () => {
    expect(reasonOf(resigned("not json"))).toBe("malformed");
    expect(reasonOf(genuine({ eventType: "TRANSACTION.CLOSED" }))).toBe("malformed");
    expect(reasonOf(genuine({ eventType: "REFUND.SUCCESS" }))).toBe("malformed");
    const { amount: _a, ...incomplete } = transaction();
    expect(reasonOf(genuine({ resource: { ...incomplete, trade_state: "WHATEVER" } }))).toBe("malformed");
  });
});

describe("parseNotification against random mutations (property)", () => {
  const n = genuine();
  const outer = JSON.parse(n.body);

  it("refuses every single-character change of the body", () => {
    fc.assert(
      fc.property(fc.nat(), fc.string({ minLength: 1, maxLength: 1, unit: "binary" }), (i, c) => {
        const body = mutate(n.body, i, c);
        return body === n.body || !parse({ headers: n.headers, body }).ok;
      }),
      { numRuns: 300 },
    );
  });

  it("refuses every single-character change of any signature header", () => {
    const names = ["Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature", "Wechatpay-Serial"] as const;
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (name, i, c) => {
        const headers = { ...n.headers, [name]: mutate(n.headers[name], i, c) };
        return !parse({ headers, body: n.body }).ok;
      }),
      { numRuns: 400 },
    );
  });

  it("refuses every change of the ciphertext, nonce or associated data, even genuinely re-signed", () => {
    fc.assert(
      fc.property(fc.constantFrom("ciphertext", "nonce", "associated_data"), fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (field, i, c) => {
        const changed = { ...outer, resource: { ...outer.resource, [field]: mutate(outer.resource[field], i, c) } };
        const r = parse(resigned(JSON.stringify(changed)));
        return !r.ok && r.reason === "undecryptable";
      }),
      { numRuns: 300 },
    );
  });

  it("refuses every byte flip of the raw ciphertext, genuinely re-signed", () => {
    const raw = Buffer.from(outer.resource.ciphertext, "base64");
    fc.assert(
      fc.property(fc.nat({ max: raw.length - 1 }), fc.integer({ min: 1, max: 255 }), (i, x) => {
        const b = Buffer.from(raw);
        b[i] ^= x;
        const changed = { ...outer, resource: { ...outer.resource, ciphertext: b.toString("base64") } };
        const r = parse(resigned(JSON.stringify(changed)));
        return !r.ok && r.reason === "undecryptable";
      }),
      { numRuns: 300 },
    );
  });
});
