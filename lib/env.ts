// The one place settings and secrets are read from the environment. Every value is
// validated at start; a bad one stops the app with a message naming the variable.
// Development secrets that are unset are generated once under DATA_DIR and reused.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const url = (what: string) =>
  z.url({ protocol: /^https?$/, error: `must be an http(s) URL (${what})` }).transform((u) => u.replace(/\/+$/, ""));

/** Reads PEM text, or the PEM file a path names; checks it is an RSA key of the wanted kind. */
export function loadRsaPem(value: string, kind: "private" | "public"): { pem: string } | { error: string } {
  let pem = value.trim();
  if (pem.includes("-----BEGIN")) {
    // .env files often carry PEM on one line with literal "\n" sequences.
    pem = pem.replace(/\\n/g, "\n");
  } else {
    try {
      pem = fs.readFileSync(path.resolve(/*turbopackIgnore: true*/ pem), "utf8").trim();
    } catch {
      return { error: `must be PEM text or the path of a readable PEM file (cannot read ${pem.length <= 200 ? pem : "the given path"})` };
    }
  }
  try {
    const key =
      kind === "private"
        ? crypto.createPrivateKey(pem)
        : pem.includes("BEGIN CERTIFICATE")
          ? new crypto.X509Certificate(pem).publicKey
          : crypto.createPublicKey(pem);
    if (key.asymmetricKeyType !== "rsa") return { error: `must be an RSA ${kind} key` };
  } catch {
    return { error: `must be a PEM-encoded RSA ${kind} key${kind === "public" ? " or certificate" : ""}` };
  }
  return { pem };
}

const pem = (kind: "private" | "public") =>
  z.string().transform((v, ctx) => {
    const r = loadRsaPem(v, kind);
    if ("pem" in r) return r.pem;
    ctx.issues.push({ code: "custom", message: r.error, input: v });
    return z.NEVER;
  });

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number({ error: "must be a port number" }).int().min(1).max(65535).default(3000),
  /** Public base URL of the app, used for OAuth redirects and payment notifications. */
  APP_URL: url("public base URL").optional(),
  /**
   * The address the server listens on. Default: 127.0.0.1 when APP_URL is unset or a loopback
   * address (a local server: its sandbox and demo admin must not be reachable from the network),
   * else every interface (0.0.0.0).
   */
  HOST: z
    .string()
    .trim()
    .regex(/^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[?[0-9A-Fa-f:]+\]?)$/, { error: "must be a host name or an IP address (e.g. 127.0.0.1 or 0.0.0.0)" })
    .optional(),
  /** Real Postgres. Unset: embedded PGlite under PGLITE_DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: "must be a postgres:// or postgresql:// URL" })
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number({ error: "must be a number" }).int().min(1).max(200).default(10),
  /** Proxies in front of the app that append the client's address to X-Forwarded-For (lib/auth/client-ip.ts). */
  TRUSTED_PROXY_HOPS: z.coerce.number({ error: "must be a whole number from 0 to 5" }).int({ error: "must be a whole number from 0 to 5" }).min(0).max(5).default(0),
  /** Prepare each statement once per connection (lib/db/statement-names.ts); off behind a transaction-mode pooler. */
  DATABASE_PREPARED_STATEMENTS: bool.default(true),
  DATA_DIR: z.string().min(1).default(".data"),
  PGLITE_DATA_DIR: z.string().min(1).optional(),
  /** Secret for session tokens; at least 32 characters. Generated once under DATA_DIR when unset
   *  (fine for one machine; set it when several instances share sessions). */
  AUTH_SECRET: z.string().min(32, { error: "must be at least 32 characters" }).optional(),
  /** Seed demo data into an empty database at start. Default: only while no real WeChat host is configured. */
  SEED_DEMO: bool.optional(),

  // Mail (password reset links). Without SMTP_HOST a local server keeps what it would send in
  // a mail catcher under DATA_DIR, shown at /sandbox/mail; a server others can reach sends none.
  SMTP_HOST: z
    .string()
    .trim()
    .regex(/^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[?[0-9A-Fa-f:]+\]?)$/, { error: "must be a host name or an IP address" })
    .optional(),
  SMTP_PORT: z.coerce.number({ error: "must be a port number" }).int({ error: "must be a port number" }).min(1).max(65535).default(587),
  /** TLS from the first byte (port 465). Default: true on port 465; otherwise STARTTLS when the server offers it. */
  SMTP_SECURE: bool.optional(),
  SMTP_USER: z.string().min(1).max(256).optional(),
  SMTP_PASSWORD: z.string().min(1).max(256).optional(),
  /** The sender: "Little Store <no-reply@example.com>" or a bare address. Default: no-reply at APP_URL's host. */
  MAIL_FROM: z
    .string()
    .trim()
    .max(320)
    .regex(/^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, { error: 'must be an address or "Name <address>"' })
    .optional(),

  // WeChat web OAuth (buyer sign-in). Defaults point at the built-in sandbox.
  WECHAT_APP_ID: z
    .string()
    .regex(/^wx[0-9a-zA-Z]{16}$/, { error: "must look like a WeChat app id (wx + 16 characters)" })
    .default("wx5a1d6b0c3e2f4a7b"),
  WECHAT_APP_SECRET: z.string().min(16, { error: "must be at least 16 characters" }).default("sandbox-app-secret-0123456789abcdef"),
  /** Host of /connect/oauth2/authorize (https://open.weixin.qq.com in production). */
  WECHAT_OAUTH_BASE_URL: url("WeChat OAuth authorize host").optional(),
  /** Host of /sns/oauth2/access_token and /sns/userinfo (https://api.weixin.qq.com in production). */
  WECHAT_API_BASE_URL: url("WeChat API host").optional(),
  /** Serve the built-in WeChat sandboxes under /sandbox. */
  SANDBOX_ENABLED: bool.optional(),

  // WeChat Pay API v3. Defaults use the built-in sandbox; keys left unset are generated once
  // under DATA_DIR/wechatpay-sandbox (never when the base URL is WeChat Pay itself).
  /** https://api.mch.weixin.qq.com in production. Default: APP_URL/sandbox/wechatpay. */
  WECHATPAY_BASE_URL: url("WeChat Pay API host").optional(),
  /** The appid the merchant id is bound to (sp_appid in service_provider mode). Default: WECHAT_APP_ID. */
  WECHATPAY_APP_ID: z
    .string()
    .regex(/^wx[0-9a-zA-Z]{16}$/, { error: "must look like a WeChat app id (wx + 16 characters)" })
    .optional(),
  /**
   * service_provider (服务商): the platform is the service provider and each store a sub-merchant
   * bound to it, paid into its own account (the default). direct: every payment goes to
   * WECHATPAY_MCH_ID, for a business that runs the platform for its own single store.
   */
  WECHATPAY_MODE: z.enum(["service_provider", "direct"], { error: "must be service_provider or direct" }).default("service_provider"),
  /**
   * The service provider's full registered name (商户全称): WeChat Pay checks it when the
   * platform is added as each store's profit-sharing receiver. Required with real WeChat Pay in
   * service_provider mode; the sandbox's default otherwise.
   */
  WECHATPAY_SP_NAME: z.string().trim().min(2, { error: "must be the merchant's full registered name" }).max(128).optional(),
  /** The merchant id: the service provider's (sp_mchid) in service_provider mode. */
  WECHATPAY_MCH_ID: z.string().regex(/^\d{8,12}$/, { error: "must be a merchant id (8–12 digits)" }).default("1900000109"),
  /** Serial number of the merchant API certificate (hex). */
  WECHATPAY_MERCHANT_SERIAL: z.string().regex(/^[0-9A-Fa-f]{8,64}$/, { error: "must be a certificate serial number (hex digits)" }).optional(),
  /** The merchant API private key (apiclient_key.pem): PEM text or a path. */
  WECHATPAY_MERCHANT_PRIVATE_KEY: pem("private").optional(),
  /** Platform certificate serial, or WeChat Pay public key id (PUB_KEY_ID_…). */
  WECHATPAY_PLATFORM_SERIAL: z
    .string()
    .regex(/^(PUB_KEY_ID_[0-9A-Za-z]+|[0-9A-Fa-f]{8,64})$/, { error: "must be a certificate serial (hex) or a public key id (PUB_KEY_ID_…)" })
    .optional(),
  /** WeChat Pay's public key or platform certificate: PEM text or a path. */
  WECHATPAY_PLATFORM_PUBLIC_KEY: pem("public").optional(),
  /** The APIv3 key (AEAD_AES_256_GCM for notifications): exactly 32 characters. */
  WECHATPAY_APIV3_KEY: z.string().regex(/^[\x21-\x7e]{32}$/, { error: "must be exactly 32 characters (letters, digits, symbols)" }).optional(),
  /** Public base URL payment notifications are sent to. Default: APP_URL. */
  WECHATPAY_NOTIFY_BASE_URL: url("payment notification base URL").optional(),
  /** The sandbox's platform signing key: PEM text or a path. */
  WECHATPAY_SANDBOX_PLATFORM_PRIVATE_KEY: pem("private").optional(),
  /** Multiplies the sandbox's notification retry schedule and refund settlement delay. */
  WECHATPAY_SANDBOX_TIME_SCALE: z.coerce.number({ error: "must be a number" }).positive({ error: "must be greater than 0" }).max(1000).default(1),

  // Media
  STORAGE_DRIVER: z.enum(["local"], { error: "must be local" }).default("local"),
  STORAGE_DIR: z.string().min(1).optional(),
  UPLOAD_MAX_BYTES: z.coerce.number({ error: "must be a number of bytes" }).int().min(10_000).max(50_000_000).default(10_000_000),

  // Orders
  /** How long an unpaid order holds its stock: "30m", "90s", "2h". */
  ORDER_PAYMENT_TIMEOUT: z
    .string()
    .regex(/^\d+(s|m|h)$/, { error: 'must be a duration like "30m", "90s" or "2h"' })
    .default("30m")
    .transform((v) => Number(v.slice(0, -1)) * { s: 1000, m: 60_000, h: 3_600_000 }[v.at(-1) as "s" | "m" | "h"])
    .refine((ms) => ms >= 10_000 && ms <= 7 * 24 * 3_600_000, { error: "must be between 10s and 168h" }),
  /**
   * Against stock hoarding: one buyer's unpaid orders in one store, and unpaid units of one SKU
   * (all their unpaid orders together), at most. Past either, checkout asks them to pay or
   * cancel first (UNPAID_LIMIT).
   */
  MAX_UNPAID_ORDERS_PER_STORE: z.coerce.number({ error: "must be a whole number" }).int().min(1).max(10_000).default(10),
  MAX_UNPAID_UNITS_PER_SKU: z.coerce.number({ error: "must be a whole number" }).int().min(1).max(1_000_000).default(99),
  /** Days after shipping before receipt is confirmed automatically. */
  ORDER_AUTO_CONFIRM_DAYS: z.coerce.number({ error: "must be a number of days" }).min(0.0001).max(60).default(7),
  /** Hours a seller has to answer an after-sale request before it is taken as accepted. */
  PROTECTION_SELLER_SLA_HOURS: z.coerce.number({ error: "must be a number of hours" }).min(0.001).max(720).default(48),
  /**
   * Days after receipt during which the buyer may ask for an after-sale (frozen into each order);
   * the store's money is held until they pass (lib/payments/settlement.ts).
   */
  PROTECTION_AFTER_SALE_DAYS: z.coerce.number({ error: "must be a number of days" }).min(0.00001).max(90).default(7),
  /** Run background jobs (expiry, reconciliation, notifications) in this process. */
  JOBS_ENABLED: bool.default(true),

  // Store API (buyers' clients)
  /** Requests each buyer token may make to the Store API per minute. */
  STORE_API_RATE_LIMIT_PER_MINUTE: z.coerce
    .number({ error: "must be a number of requests" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be at least 1" })
    .max(1_000_000, { error: "must be at most 1000000" })
    .default(600),
  /** Store API requests without a token (browsing, signing in) each client address may make per minute. */
  STORE_API_ADDRESS_RATE_LIMIT_PER_MINUTE: z.coerce
    .number({ error: "must be a number of requests" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be at least 1" })
    .max(1_000_000, { error: "must be at most 1000000" })
    .default(300),

  // Merchant Open API
  /** Requests each Open API token may make per minute (fixed window, shared by all instances). */
  OPEN_API_RATE_LIMIT_PER_MINUTE: z.coerce
    .number({ error: "must be a number of requests" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be at least 1" })
    .max(100_000, { error: "must be at most 100000" })
    .default(120),

  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

type Raw = z.infer<typeof schema>;

export type Env = Omit<
  Raw,
  | "APP_URL"
  | "HOST"
  | "AUTH_SECRET"
  | "PGLITE_DATA_DIR"
  | "STORAGE_DIR"
  | "SANDBOX_ENABLED"
  | "SEED_DEMO"
  | "WECHAT_OAUTH_BASE_URL"
  | "WECHAT_API_BASE_URL"
  | "WECHATPAY_BASE_URL"
  | "WECHATPAY_APP_ID"
  | "WECHATPAY_NOTIFY_BASE_URL"
  | "WECHATPAY_SP_NAME"
  | "SMTP_SECURE"
  | "MAIL_FROM"
> & {
  APP_URL: string;
  HOST: string;
  AUTH_SECRET: string;
  PGLITE_DATA_DIR: string;
  STORAGE_DIR: string;
  SANDBOX_ENABLED: boolean;
  SEED_DEMO: boolean;
  WECHAT_OAUTH_BASE_URL: string;
  WECHAT_API_BASE_URL: string;
  WECHATPAY_BASE_URL: string;
  WECHATPAY_APP_ID: string;
  WECHATPAY_NOTIFY_BASE_URL: string;
  WECHATPAY_SP_NAME: string;
  /** True when WECHATPAY_BASE_URL is WeChat Pay itself (then no key is ever generated). */
  WECHATPAY_IS_PRODUCTION: boolean;
  /** "postgres" when DATABASE_URL is set, else "pglite". */
  DATABASE_KIND: "postgres" | "pglite";
  SMTP_SECURE: boolean;
  MAIL_FROM: string;
  /** smtp: SMTP_HOST is set; catcher: a local server without it (lib/mail/catcher.ts); none: no mail is sent. */
  MAIL_TRANSPORT: "smtp" | "catcher" | "none";
};

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

function persistentSecret(dataDir: string, name: string): string {
  const file = path.join(/*turbopackIgnore: true*/ dataDir, "secrets", name);
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const value = crypto.randomBytes(32).toString("base64url");
    // wx: another process may have written it first; keep theirs.
    try {
      fs.writeFileSync(file, value, { flag: "wx", mode: 0o600 });
      return value;
    } catch {
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}

/** Parse an environment; throws EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const raw = result.data;
  const wechatPayBase = raw.WECHATPAY_BASE_URL ?? `${raw.APP_URL ?? `http://localhost:${raw.PORT}`}/sandbox/wechatpay`;
  const wechatPayProduction = isWechatPayHost(wechatPayBase);
  if (wechatPayProduction) {
    const needed = ["WECHATPAY_MERCHANT_SERIAL", "WECHATPAY_MERCHANT_PRIVATE_KEY", "WECHATPAY_PLATFORM_SERIAL", "WECHATPAY_PLATFORM_PUBLIC_KEY", "WECHATPAY_APIV3_KEY"] as const;
    const missing: string[] = needed.filter((k) => raw[k] === undefined);
    if (raw.WECHATPAY_MODE === "service_provider" && !raw.WECHATPAY_SP_NAME) missing.push("WECHATPAY_SP_NAME");
    if (missing.length) throw new EnvError(missing.map((k) => `${k}: is required when WECHATPAY_BASE_URL is WeChat Pay itself`));
  }
  const realWechat = wechatPayProduction || isWechatHost(raw.WECHAT_OAUTH_BASE_URL) || isWechatHost(raw.WECHAT_API_BASE_URL);
  // The demo accounts' password is published (README, console): never on a real deployment.
  if (realWechat && raw.SEED_DEMO) throw new EnvError(["SEED_DEMO: must not be true once real WeChat hosts are configured (the demo accounts' password is public)"]);
  const dataDir = path.resolve(/*turbopackIgnore: true*/ raw.DATA_DIR);
  const appUrl = raw.APP_URL ?? `http://localhost:${raw.PORT}`;
  const localServer = isLocalUrl(appUrl);
  // A server others can reach, with WeChat not configured: neither guess is safe (the sandbox
  // would let anyone sign in as any buyer; without it buyers cannot sign in or pay).
  if (!realWechat && !localServer && raw.SANDBOX_ENABLED === undefined) {
    throw new EnvError([
      `SANDBOX_ENABLED: must be set when APP_URL (${appUrl}) is reachable by others and no real WeChat hosts are configured: configure WeChat (WECHAT_OAUTH_BASE_URL, WECHAT_API_BASE_URL, WECHATPAY_BASE_URL and its keys), or set true for a public demo (anyone may then sign in as any sandbox buyer)`,
    ]);
  }
  if (!raw.SMTP_USER !== !raw.SMTP_PASSWORD) throw new EnvError([`${raw.SMTP_USER ? "SMTP_PASSWORD" : "SMTP_USER"}: must be set together with ${raw.SMTP_USER ? "SMTP_USER" : "SMTP_PASSWORD"}`]);
  const sandboxBase = `${appUrl}/sandbox/wechat`;
  return {
    ...raw,
    DATA_DIR: dataDir,
    APP_URL: appUrl,
    HOST: raw.HOST ?? (isLoopbackUrl(appUrl) ? "127.0.0.1" : "0.0.0.0"),
    AUTH_SECRET: raw.AUTH_SECRET ?? persistentSecret(dataDir, "auth-secret"),
    PGLITE_DATA_DIR: path.resolve(/*turbopackIgnore: true*/ raw.PGLITE_DATA_DIR ?? path.join(dataDir, "pglite")),
    STORAGE_DIR: path.resolve(/*turbopackIgnore: true*/ raw.STORAGE_DIR ?? path.join(dataDir, "uploads")),
    WECHAT_OAUTH_BASE_URL: raw.WECHAT_OAUTH_BASE_URL ?? sandboxBase,
    WECHAT_API_BASE_URL: raw.WECHAT_API_BASE_URL ?? sandboxBase,
    // The sandboxes (anyone may sign in as any sandbox buyer there, and their fault-injection
    // control is unauthenticated) stay off once real WeChat hosts are configured, unless asked
    // for; a server others can reach must say (above). The demo accounts (public password) are
    // seeded by default only on a local server.
    SANDBOX_ENABLED: raw.SANDBOX_ENABLED ?? !realWechat,
    SEED_DEMO: raw.SEED_DEMO ?? (!realWechat && localServer),
    WECHATPAY_BASE_URL: wechatPayBase,
    WECHATPAY_APP_ID: raw.WECHATPAY_APP_ID ?? raw.WECHAT_APP_ID,
    WECHATPAY_NOTIFY_BASE_URL: raw.WECHATPAY_NOTIFY_BASE_URL ?? appUrl,
    WECHATPAY_SP_NAME: raw.WECHATPAY_SP_NAME ?? "小小店平台（沙箱）",
    WECHATPAY_IS_PRODUCTION: wechatPayProduction,
    DATABASE_KIND: raw.DATABASE_URL ? "postgres" : "pglite",
    SMTP_SECURE: raw.SMTP_SECURE ?? raw.SMTP_PORT === 465,
    MAIL_FROM: raw.MAIL_FROM ?? `Little Store <no-reply@${new URL(appUrl).hostname}>`,
    MAIL_TRANSPORT: raw.SMTP_HOST ? "smtp" : localServer ? "catcher" : "none",
  };
}

/** localhost, 127.x.x.x or ::1: reachable from this machine only. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** A loopback or private-network address, or a .localhost / .local name: a developer's machine or LAN, not the internet. */
export function isLocalUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local")) return true;
  if (host === "::1") return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (!v4) return false;
  const [a, b] = [Number(v4[1]), Number(v4[2])];
  return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

function isWechatHost(base: string | undefined): boolean {
  if (!base) return false;
  const host = new URL(base).hostname;
  return host === "weixin.qq.com" || host.endsWith(".weixin.qq.com");
}

/** api.mch.weixin.qq.com and its backup api2.mch.weixin.qq.com. */
function isWechatPayHost(base: string): boolean {
  const host = new URL(base).hostname;
  return host === "mch.weixin.qq.com" || host.endsWith(".mch.weixin.qq.com");
}

let cached: Env | undefined;

/** The validated environment of this process (parsed once). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests change process.env between files; this drops the parsed copy. */
export function resetEnvForTests() {
  cached = undefined;
}
