import "server-only";
// Parse-and-verify of a WeChat Pay notification (the POST to notify_url): headers and the raw
// body exactly as received. Checks, in order: signature headers present, the serial is the
// platform key we trust, the timestamp within 5 minutes, the signature over
// "TIMESTAMP\nNONCE\nBODY\n"; then the JSON shape, AEAD_AES_256_GCM decryption of the resource
// with the APIv3 key, and the decrypted resource's shape. Nothing unverified is ever returned.
import type { KeyObject } from "node:crypto";
import type { HeaderSource, NotificationResult, PaymentNotification } from "../types";
import { checkPlatformSignature } from "./client";
import { aeadDecrypt, DecryptError } from "./crypto";
import { notificationJson, refundNoticeJson, toRefundNotice, toTransaction, transactionJson } from "./mapping";

export function headerGetter(headers: HeaderSource): (name: string) => string | null {
  if (headers instanceof Headers) return (n) => headers.get(n);
  const lower = new Map<string, string>();
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    lower.set(k.toLowerCase(), Array.isArray(v) ? v.join(", ") : v);
  }
  return (n) => lower.get(n.toLowerCase()) ?? null;
}

const reject = (reason: Exclude<NotificationResult, { ok: true }>["reason"], message: string): NotificationResult => ({ ok: false, reason, message });

export function parseWechatPayNotification(
  input: { headers: HeaderSource; body: string },
  keys: { platformSerial: string; platformPublicKey: KeyObject; apiV3Key: string },
  now = Date.now(),
): NotificationResult {
  if (typeof input.body !== "string") return reject("malformed", "the body must be the raw request text");
  const failure = checkPlatformSignature(headerGetter(input.headers), input.body, { serial: keys.platformSerial, publicKey: keys.platformPublicKey }, now);
  if (failure) return reject(failure.reason, failure.message);

  let outer: unknown;
  try {
    outer = JSON.parse(input.body);
  } catch {
    return reject("malformed", "the body is not JSON");
  }
  const parsed = notificationJson.safeParse(outer);
  if (!parsed.success) return reject("malformed", "the body is not a WeChat Pay notification");
  const n = parsed.data;
  if (n.resource_type !== "encrypt-resource") return reject("malformed", `unsupported resource_type ${n.resource_type.slice(0, 40)}`);

  let plaintext: string;
  try {
    plaintext = aeadDecrypt(keys.apiV3Key, n.resource.nonce, n.resource.associated_data ?? "", n.resource.ciphertext);
  } catch (e) {
    return reject("undecryptable", e instanceof DecryptError ? `resource cannot be decrypted: ${e.message}` : "resource cannot be decrypted");
  }
  let resource: unknown;
  try {
    resource = JSON.parse(plaintext);
  } catch {
    return reject("malformed", "the decrypted resource is not JSON");
  }

  const base = { id: n.id, createTime: n.create_time, resourceType: n.resource_type, summary: n.summary };
  let notification: PaymentNotification;
  if (n.event_type === "TRANSACTION.SUCCESS") {
    if (n.resource.original_type !== "transaction") return reject("malformed", "TRANSACTION.SUCCESS must carry a transaction");
    const t = transactionJson.safeParse(resource);
    if (!t.success) return reject("malformed", "the transaction resource is incomplete");
    notification = { ...base, kind: "transaction", eventType: "TRANSACTION.SUCCESS", transaction: toTransaction(t.data) };
  } else if (n.event_type === "REFUND.SUCCESS" || n.event_type === "REFUND.ABNORMAL" || n.event_type === "REFUND.CLOSED") {
    if (n.resource.original_type !== "refund") return reject("malformed", `${n.event_type} must carry a refund`);
    const r = refundNoticeJson.safeParse(resource);
    if (!r.success) return reject("malformed", "the refund resource is incomplete");
    notification = { ...base, kind: "refund", eventType: n.event_type, refund: toRefundNotice(r.data) };
  } else {
    return reject("malformed", `unsupported event_type ${n.event_type.slice(0, 40)}`);
  }
  return { ok: true, notification };
}
