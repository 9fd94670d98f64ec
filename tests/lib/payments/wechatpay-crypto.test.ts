// WeChat Pay API v3 cryptography: SHA256withRSA signatures and AEAD_AES_256_GCM, with
// node:crypto only. Unit tests, no database.
import crypto from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aeadDecrypt,
  aeadEncrypt,
  DecryptError,
  decodeBase64Strict,
  formatAuthorization,
  parseAuthorization,
  parseWechatTime,
  paySignMessage,
  requestMessage,
  responseMessage,
  signSha256Rsa,
  toWechatTime,
  verifySha256Rsa,
} from "@/lib/payments/wechatpay/crypto";

const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const other = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const KEY = "0123456789abcdefABCDEF0123456789"; // 32 characters, as an APIv3 key

/** Replaces the character at `i` with a different one. */
function mutateChar(s: string, i: number, c: string): string {
  const idx = i % s.length;
  const replacement = c === s[idx] ? (c === "A" ? "B" : "A") : c;
  return s.slice(0, idx) + replacement + s.slice(idx + 1);
}

describe("messages", () => {
  it("builds the request, response and pay-sign messages line by line with a final newline", () => {
    expect(requestMessage("post", "/v3/pay/transactions/jsapi", 1554208460, "593BEC0C930BF1AFEB40B4A08C8FB242", '{"a":1}')).toBe(
      'POST\n/v3/pay/transactions/jsapi\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n{"a":1}\n',
    );
    expect(requestMessage("GET", "/v3/certificates", "1", "N", "")).toBe("GET\n/v3/certificates\n1\nN\n\n");
    expect(responseMessage("1", "N", "")).toBe("1\nN\n\n");
    expect(paySignMessage("wx8888888888888888", "1414561699", "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", "prepay_id=wx201410272009395522657a690389285100")).toBe(
      "wx8888888888888888\n1414561699\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\nprepay_id=wx201410272009395522657a690389285100\n",
    );
  });

  it("formats and parses the Authorization header, in any parameter order", () => {
    const p = { mchid: "1900000109", nonce_str: "N0NCE", signature: "c2ln+/=", timestamp: "1554208460", serial_no: "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C" };
    const h = formatAuthorization(p);
    expect(h).toBe(`WECHATPAY2-SHA256-RSA2048 mchid="1900000109",nonce_str="N0NCE",signature="c2ln+/=",timestamp="1554208460",serial_no="1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"`);
    expect(parseAuthorization(h)).toEqual(p);
    // wechatpay-go's order: mchid, nonce_str, timestamp, serial_no, signature.
    expect(parseAuthorization(`WECHATPAY2-SHA256-RSA2048 mchid="1",nonce_str="n",timestamp="2",serial_no="s",signature="x"`)).toEqual({
      mchid: "1",
      nonce_str: "n",
      timestamp: "2",
      serial_no: "s",
      signature: "x",
    });
    for (const bad of [
      "",
      'Bearer mchid="1"',
      'WECHATPAY2-SHA256-RSA2048 mchid="1",nonce_str="n",timestamp="2",serial_no="s"',
      'WECHATPAY2-SHA256-RSA2048 mchid="1",mchid="2",nonce_str="n",timestamp="2",serial_no="s",signature="x"',
      'WECHATPAY2-SHA256-RSA2048 mchid="1",nonce_str="n",timestamp="2",serial_no="s",signature="x",',
      'WECHATPAY2-SHA256-RSA2048 mchid="1" nonce_str="n",timestamp="2",serial_no="s",signature="x"',
    ]) {
      expect(parseAuthorization(bad)).toBeNull();
    }
  });

  it("writes and reads RFC 3339 times in China time", () => {
    const d = new Date("2024-05-20T05:29:35Z");
    expect(toWechatTime(d)).toBe("2024-05-20T13:29:35+08:00");
    expect(parseWechatTime("2024-05-20T13:29:35+08:00")?.getTime()).toBe(d.getTime());
    expect(parseWechatTime("2024-05-20 13:29:35")).toBeNull();
  });
});

describe("SHA256withRSA", () => {
  it("verifies what it signed, and nothing signed by another key", () => {
    const sig = signSha256Rsa(privateKey, "hello\n");
    expect(verifySha256Rsa(publicKey, "hello\n", sig)).toBe(true);
    expect(verifySha256Rsa(other.publicKey, "hello\n", sig)).toBe(false);
    expect(verifySha256Rsa(publicKey, "hello\n", signSha256Rsa(other.privateKey, "hello\n"))).toBe(false);
  });

  it("matches an independent RSA-SHA256 PKCS#1 v1.5 implementation (node's createSign)", () => {
    const sig = signSha256Rsa(privateKey, "GET\n/v3/x\n1\nN\n\n");
    expect(crypto.createVerify("RSA-SHA256").update("GET\n/v3/x\n1\nN\n\n").verify(publicKey, sig, "base64")).toBe(true);
  });

  it("fails verification when any character of the message changes (property)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (msg, i, c) => {
        const sig = signSha256Rsa(privateKey, msg);
        const changed = mutateChar(msg, i, c);
        return verifySha256Rsa(publicKey, changed, sig) === (changed === msg);
      }),
      { numRuns: 60 },
    );
  });

  it("fails verification when any byte or character of the signature changes (property)", () => {
    const sig = signSha256Rsa(privateKey, "message\n");
    const raw = Buffer.from(sig, "base64");
    fc.assert(
      fc.property(fc.nat({ max: raw.length - 1 }), fc.integer({ min: 1, max: 255 }), (i, x) => {
        const b = Buffer.from(raw);
        b[i] ^= x;
        return !verifySha256Rsa(publicKey, "message\n", b.toString("base64"));
      }),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (i, c) => {
        const changed = mutateChar(sig, i, c);
        return !verifySha256Rsa(publicKey, "message\n", changed);
      }),
      { numRuns: 200 },
    );
  });
});

describe("strict base64", () => {
  it("accepts only canonical padded base64", () => {
    expect(decodeBase64Strict("aGk=")?.toString()).toBe("hi");
    for (const bad of ["", "aGk", "aG!k=", "aGk= ", "aGl=", "a\nGk=", "aGk==", "aGk=aGk="]) expect(decodeBase64Strict(bad)).toBeNull();
  });
});

describe("AEAD_AES_256_GCM", () => {
  it("round-trips, with the 16-byte tag at the end of the ciphertext", () => {
    const ct = aeadEncrypt(KEY, "0123456789ab", "transaction", '{"a":"支付成功"}');
    expect(Buffer.from(ct, "base64").length).toBe(Buffer.byteLength('{"a":"支付成功"}') + 16);
    expect(aeadDecrypt(KEY, "0123456789ab", "transaction", ct)).toBe('{"a":"支付成功"}');
  });

  it("decrypts what an independent AES-256-GCM implementation encrypted", () => {
    const c = crypto.createCipheriv("aes-256-gcm", Buffer.from(KEY), Buffer.from("fedcba987654"));
    c.setAAD(Buffer.from("refund"));
    const ct = Buffer.concat([c.update("plain", "utf8"), c.final(), c.getAuthTag()]).toString("base64");
    expect(aeadDecrypt(KEY, "fedcba987654", "refund", ct)).toBe("plain");
  });

  it("detects tampering: the ciphertext, the nonce, the associated data, the key (property)", () => {
    const ct = aeadEncrypt(KEY, "0123456789ab", "transaction", '{"trade_state":"SUCCESS","amount":{"total":100}}');
    const raw = Buffer.from(ct, "base64");
    fc.assert(
      fc.property(fc.nat({ max: raw.length - 1 }), fc.integer({ min: 1, max: 255 }), (i, x) => {
        const b = Buffer.from(raw);
        b[i] ^= x;
        expect(() => aeadDecrypt(KEY, "0123456789ab", "transaction", b.toString("base64"))).toThrow(DecryptError);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (i, c) => {
        expect(() => aeadDecrypt(KEY, "0123456789ab", "transaction", mutateChar(ct, i, c))).toThrow(DecryptError);
      }),
      { numRuns: 200 },
    );
    expect(() => aeadDecrypt(KEY, "0123456789ac", "transaction", ct)).toThrow(DecryptError);
    expect(() => aeadDecrypt(KEY, "0123456789ab", "refund", ct)).toThrow(DecryptError);
    expect(() => aeadDecrypt("0123456789abcdefABCDEF012345678X", "0123456789ab", "transaction", ct)).toThrow(DecryptError);
    expect(() => aeadDecrypt(KEY, "0123456789ab", "transaction", ct.slice(0, 8))).toThrow(DecryptError);
    expect(() => aeadDecrypt(KEY, "0123456789ab", "transaction", "not base64!")).toThrow(DecryptError);
  });
});
