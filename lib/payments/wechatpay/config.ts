import "server-only";
// WeChat Pay keys and settings, resolved from env(): the merchant side (our adapter) and the
// sandbox side (the built-in stand-in for api.mch.weixin.qq.com). Keys that are unset are
// generated once under DATA_DIR/wechatpay-sandbox/ and reused; both sides then agree. Nothing
// is generated when WECHATPAY_BASE_URL is WeChat Pay itself (env() insists on real keys then).
import crypto, { type KeyObject } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env, type Env } from "@/lib/env";
import { newCertificateSerial, randomString } from "./crypto";
import { writeOnce } from "./keyfile";

export interface WechatPayMerchantConfig {
  /** API host without a trailing slash, e.g. https://api.mch.weixin.qq.com */
  baseUrl: string;
  /** service_provider: appId and mchId are sp_appid and sp_mchid; each store is a sub-merchant. */
  mode: "service_provider" | "direct";
  appId: string;
  mchId: string;
  merchantSerial: string;
  merchantPrivateKey: KeyObject;
  /** Certificate serial or public key id (PUB_KEY_ID_…) that responses must carry. */
  platformSerial: string;
  platformPublicKey: KeyObject;
  apiV3Key: string;
  /** Base URL notify_url paths are appended to. */
  notifyBaseUrl: string;
  /** Per-request timeout. */
  timeoutMs: number;
}

export interface WechatPaySandboxConfig {
  appId: string;
  mchId: string;
  merchantSerial: string;
  /** The merchant's public key, to verify request signatures and pay signs. */
  merchantPublicKey: KeyObject;
  platformSerial: string;
  platformPrivateKey: KeyObject;
  apiV3Key: string;
  /** The service provider's registered name, as profit-sharing receiver checks want it. */
  spName: string;
  timeScale: number;
  appUrl: string;
  /** Where generated keys live (shown on the inspector so an SDK can be pointed at them). */
  keyDir: string;
}

const merchantCache = new WeakMap<Env, WechatPayMerchantConfig>();
const sandboxCache = new WeakMap<Env, WechatPaySandboxConfig>();

/** Our side: what the adapter signs and verifies with (resolved once per parsed environment). */
export function merchantConfig(): WechatPayMerchantConfig {
  const e = env();
  let c = merchantCache.get(e);
  if (!c) merchantCache.set(e, (c = resolveMerchant(e)));
  return c;
}

/** The sandbox's side: its platform signing key and the merchant's public key. */
export function sandboxConfig(): WechatPaySandboxConfig {
  const e = env();
  let c = sandboxCache.get(e);
  if (!c) sandboxCache.set(e, (c = resolveSandbox(e)));
  return c;
}

const newRsaPrivatePem = () =>
  crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();

function publicPem(key: KeyObject): string {
  return (key.type === "public" ? key : crypto.createPublicKey(key)).export({ type: "spki", format: "pem" }).toString();
}

/** Writes a derived (non-secret) file, replacing it if it differs. */
function writeDerived(file: string, content: string) {
  try {
    if (fs.readFileSync(file, "utf8") === content) return;
  } catch {
    // missing: write it
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(tmp, content, { mode: 0o644 });
  fs.renameSync(tmp, file);
}

const keyDir = (e: Env) => path.join(/*turbopackIgnore: true*/ e.DATA_DIR, "wechatpay-sandbox");

/** A generated setting under DATA_DIR/wechatpay-sandbox (never for production). */
function generated(e: Env, name: string, make: () => string, opts: { evenInProduction?: boolean } = {}): string {
  if (e.WECHATPAY_IS_PRODUCTION && !opts.evenInProduction) throw new Error(`WeChat Pay: refusing to generate ${name} for production`);
  return writeOnce(path.join(/*turbopackIgnore: true*/ keyDir(e), name), make).trim();
}

const merchantPrivatePem = (e: Env) => e.WECHATPAY_MERCHANT_PRIVATE_KEY ?? generated(e, "apiclient_key.pem", newRsaPrivatePem);
const merchantSerial = (e: Env) => (e.WECHATPAY_MERCHANT_SERIAL ?? generated(e, "merchant_serial.txt", newCertificateSerial)).toUpperCase();
const platformSerial = (e: Env) =>
  e.WECHATPAY_PLATFORM_SERIAL ?? generated(e, "platform_serial.txt", () => `PUB_KEY_ID_01${e.WECHATPAY_MCH_ID}${randomString(12, "0123456789")}`);
const apiV3Key = (e: Env) => e.WECHATPAY_APIV3_KEY ?? generated(e, "apiv3_key.txt", () => randomString(32));
// The sandbox's own signing key exists even when the merchant talks to WeChat Pay itself
// (the sandbox may still be served then, though nobody trusts it).
const sandboxPlatformKey = (e: Env) =>
  crypto.createPrivateKey(e.WECHATPAY_SANDBOX_PLATFORM_PRIVATE_KEY ?? generated(e, "platform_key.pem", newRsaPrivatePem, { evenInProduction: true }));

function publicKeyFromPem(pemText: string): KeyObject {
  return pemText.includes("BEGIN CERTIFICATE") ? new crypto.X509Certificate(pemText).publicKey : crypto.createPublicKey(pemText);
}

function resolveMerchant(e: Env): WechatPayMerchantConfig {
  const merchantPrivateKey = crypto.createPrivateKey(merchantPrivatePem(e));
  const platformPublicKey = e.WECHATPAY_PLATFORM_PUBLIC_KEY
    ? publicKeyFromPem(e.WECHATPAY_PLATFORM_PUBLIC_KEY)
    : crypto.createPublicKey(sandboxPlatformKey(e));
  if (!e.WECHATPAY_IS_PRODUCTION) {
    // For pointing an official SDK at the sandbox: the public halves, next to the keys.
    writeDerived(path.join(/*turbopackIgnore: true*/ keyDir(e), "apiclient_pub.pem"), publicPem(merchantPrivateKey));
    writeDerived(path.join(/*turbopackIgnore: true*/ keyDir(e), "pub_key.pem"), publicPem(platformPublicKey));
  }
  return {
    baseUrl: e.WECHATPAY_BASE_URL,
    mode: e.WECHATPAY_MODE,
    appId: e.WECHATPAY_APP_ID,
    mchId: e.WECHATPAY_MCH_ID,
    merchantSerial: merchantSerial(e),
    merchantPrivateKey,
    platformSerial: platformSerial(e),
    platformPublicKey,
    apiV3Key: apiV3Key(e),
    notifyBaseUrl: e.WECHATPAY_NOTIFY_BASE_URL,
    timeoutMs: 10_000,
  };
}

function resolveSandbox(e: Env): WechatPaySandboxConfig {
  const m = merchantConfig();
  return {
    appId: m.appId,
    mchId: m.mchId,
    merchantSerial: m.merchantSerial,
    merchantPublicKey: crypto.createPublicKey(m.merchantPrivateKey),
    platformSerial: m.platformSerial,
    platformPrivateKey: sandboxPlatformKey(e),
    apiV3Key: m.apiV3Key,
    spName: e.WECHATPAY_SP_NAME,
    timeScale: e.WECHATPAY_SANDBOX_TIME_SCALE,
    appUrl: e.APP_URL,
    keyDir: keyDir(e),
  };
}
