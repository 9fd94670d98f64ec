// WeChat Pay API v3 cryptography with node:crypto only:
// - SHA256withRSA (RSASSA-PKCS1-v1_5 over SHA-256), base64 signatures, for requests
//   (merchant key), responses and notifications (platform key) and JSAPI paySign;
// - AEAD_AES_256_GCM with the 32-byte APIv3 key for notification resources: the ciphertext
//   is base64 of (encrypted bytes ‖ 16-byte tag), the nonce 12 characters, plus associated_data.
// Pure functions shared by the adapter and the sandbox (no `server-only`: tests and scripts use it).
import crypto, { type KeyObject } from "node:crypto";

const ALPHANUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UPPER_ALPHANUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** A random string of `length` characters from `alphabet` (uniform: rejection sampling). */
export function randomString(length: number, alphabet = ALPHANUM): string {
  const out: string[] = [];
  const limit = 256 - (256 % alphabet.length);
  while (out.length < length) {
    for (const b of crypto.randomBytes(length * 2)) {
      if (b < limit) out.push(alphabet[b % alphabet.length]);
      if (out.length === length) break;
    }
  }
  return out.join("");
}

/** The 32-character nonce of a request, a response or a pay sign. */
export const newNonce = () => randomString(32, UPPER_ALPHANUM);

/** Seconds since the epoch, as WeChat Pay writes timestamps. */
export const unixSeconds = (now = Date.now()) => Math.floor(now / 1000);

/**
 * Strict base64: canonical standard alphabet with padding, nothing else. Node's decoder
 * silently skips stray characters, which would let a mutated signature or ciphertext
 * decode to the original bytes; we refuse anything that does not round-trip exactly.
 */
export function decodeBase64Strict(text: string): Buffer | null {
  if (typeof text !== "string" || text.length === 0 || text.length % 4 !== 0) return null;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64") === text ? bytes : null;
}

/** base64(SHA256withRSA(privateKey, message)). */
export function signSha256Rsa(privateKey: KeyObject, message: string): string {
  return crypto.sign("sha256", Buffer.from(message, "utf8"), privateKey).toString("base64");
}

/** True only when `signature` is strict base64 of a valid SHA256withRSA signature of `message`. */
export function verifySha256Rsa(publicKey: KeyObject, message: string, signature: string): boolean {
  const sig = decodeBase64Strict(signature);
  if (!sig) return false;
  try {
    return crypto.verify("sha256", Buffer.from(message, "utf8"), publicKey, sig);
  } catch {
    return false;
  }
}

/** The message a merchant signs for a request: "METHOD\nPATH_WITH_QUERY\nTIMESTAMP\nNONCE\nBODY\n". */
export function requestMessage(method: string, pathWithQuery: string, timestamp: string | number, nonce: string, body: string): string {
  return `${method.toUpperCase()}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${body}\n`;
}

/** The message WeChat Pay signs for a response or a notification: "TIMESTAMP\nNONCE\nBODY\n". */
export function responseMessage(timestamp: string | number, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

/** The message of a JSAPI pay sign: "appId\ntimeStamp\nnonceStr\npackage\n". */
export function paySignMessage(appId: string, timeStamp: string, nonceStr: string, pkg: string): string {
  return `${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`;
}

export const AUTH_SCHEME = "WECHATPAY2-SHA256-RSA2048";

export interface AuthorizationParams {
  mchid: string;
  nonce_str: string;
  signature: string;
  timestamp: string;
  serial_no: string;
}

/** `WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"` */
export function formatAuthorization(p: AuthorizationParams): string {
  return `${AUTH_SCHEME} mchid="${p.mchid}",nonce_str="${p.nonce_str}",signature="${p.signature}",timestamp="${p.timestamp}",serial_no="${p.serial_no}"`;
}

/**
 * Parses an Authorization header; null unless it has the scheme and all five parameters,
 * each once. Parameters may come in any order (the official SDKs differ).
 */
export function parseAuthorization(header: string | null | undefined): AuthorizationParams | null {
  if (!header) return null;
  const m = /^WECHATPAY2-SHA256-RSA2048\s+(.+)$/.exec(header.trim());
  if (!m) return null;
  const pair = String.raw`\s*[a-z_]+="[^"]*"\s*`;
  if (!new RegExp(`^${pair}(,${pair})*$`).test(m[1])) return null;
  const out: Record<string, string> = {};
  for (const [, key, value] of m[1].matchAll(/([a-z_]+)="([^"]*)"/g)) {
    if (key in out) return null;
    out[key] = value;
  }
  const keys = ["mchid", "nonce_str", "signature", "timestamp", "serial_no"] as const;
  if (!keys.every((k) => typeof out[k] === "string" && out[k].length > 0)) return null;
  return { mchid: out.mchid, nonce_str: out.nonce_str, signature: out.signature, timestamp: out.timestamp, serial_no: out.serial_no };
}

function aesKey(apiV3Key: string): Buffer {
  const key = Buffer.from(apiV3Key, "utf8");
  if (key.length !== 32) throw new Error("The APIv3 key must be 32 bytes.");
  return key;
}

/** AEAD_AES_256_GCM encryption: base64(ciphertext ‖ tag). */
export function aeadEncrypt(apiV3Key: string, nonce: string, associatedData: string, plaintext: string): string {
  const cipher = crypto.createCipheriv("aes-256-gcm", aesKey(apiV3Key), Buffer.from(nonce, "utf8"));
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const encrypted = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return encrypted.toString("base64");
}

export class DecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DecryptError";
  }
}

/** AEAD_AES_256_GCM decryption; throws DecryptError on bad base64, a short input or a failed tag. */
export function aeadDecrypt(apiV3Key: string, nonce: string, associatedData: string, ciphertext: string): string {
  const data = decodeBase64Strict(ciphertext);
  if (!data) throw new DecryptError("ciphertext is not base64");
  if (data.length < 17) throw new DecryptError("ciphertext too short");
  if (nonce.length === 0) throw new DecryptError("empty nonce");
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", aesKey(apiV3Key), Buffer.from(nonce, "utf8"));
    decipher.setAAD(Buffer.from(associatedData, "utf8"));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptError("authentication failed");
  }
}

/** Certificate-style serial: 40 uppercase hex characters. */
export const newCertificateSerial = () => crypto.randomBytes(20).toString("hex").toUpperCase();

/** RFC 3339 in China time, as WeChat Pay writes times: 2024-05-20T13:29:35+08:00. */
export function toWechatTime(date: Date): string {
  const shifted = new Date(date.getTime() + 8 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}

/** Parses an RFC 3339 time with an offset; null when it is not one. */
export function parseWechatTime(text: unknown): Date | null {
  if (typeof text !== "string") return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/.test(text)) return null;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * Sensitive request fields (a profit-sharing receiver's name, …) are encrypted with WeChat
 * Pay's public key, RSAES-OAEP (SHA-1, as WeChat Pay's SDKs use), base64; the request then
 * names the key in Wechatpay-Serial.
 */
export function encryptSensitive(publicKey: KeyObject, plaintext: string): string {
  return crypto.publicEncrypt({ key: publicKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" }, Buffer.from(plaintext, "utf8")).toString("base64");
}

/** The other side of encryptSensitive (the sandbox, with the platform's private key); null when it does not decrypt. */
export function decryptSensitive(privateKey: KeyObject, ciphertext: string): string | null {
  const bytes = decodeBase64Strict(ciphertext);
  if (!bytes) return null;
  try {
    return crypto.privateDecrypt({ key: privateKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" }, bytes).toString("utf8");
  } catch {
    return null;
  }
}
