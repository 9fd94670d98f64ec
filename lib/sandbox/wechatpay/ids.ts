import "server-only";
// Identifiers in WeChat Pay's shapes.
import crypto from "node:crypto";
import { randomString } from "@/lib/payments/wechatpay/crypto";

const DIGITS = "0123456789";

/** yyyyMMdd / yyyyMMddHHmmss in China time. */
function chinaStamp(now: Date, withTime: boolean) {
  const iso = new Date(now.getTime() + 8 * 3600_000).toISOString();
  const date = iso.slice(0, 10).replace(/-/g, "");
  return withTime ? date + iso.slice(11, 19).replace(/:/g, "") : date;
}

/** 28 digits, like 4200001234202401011234567890. */
export const newTransactionId = (now = new Date()) => `42000${randomString(5, DIGITS)}${chinaStamp(now, false)}${randomString(10, DIGITS)}`;

/** 29 digits, like 50300001234202401011234567890. */
export const newRefundId = (now = new Date()) => `503${randomString(10, DIGITS)}${chinaStamp(now, false)}${randomString(8, DIGITS)}`;

/** "wx" + time + 20 hex characters (36 in all), like wx20141027200939 5522657a690389285100. */
export const newPrepayId = (now = new Date()) => `wx${chinaStamp(now, true)}${crypto.randomBytes(10).toString("hex")}`;

/** The notification id (resends of one notification keep it). */
export const newNotificationId = () => crypto.randomUUID();

/** The 10-digit check value of an H5 cashier link (…checkmweb?prepay_id=…&package=…). */
export function h5Package(prepayId: string, secret: string): string {
  const mac = crypto.createHmac("sha256", secret).update(`h5:${prepayId}`).digest();
  return String(mac.readUInt32BE(0) % 9_000_000_000 + 1_000_000_000).padStart(10, "0");
}

/** The openid an H5 payer gets (the merchant never learns a real one). */
export function h5PayerOpenid(prepayId: string): string {
  return `o${crypto.createHash("sha256").update(`h5-payer:${prepayId}`).digest("base64url").slice(0, 27)}`;
}
