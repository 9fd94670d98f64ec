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

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number({ error: "must be a port number" }).int().min(1).max(65535).default(3000),
  /** Public base URL of the app, used for OAuth redirects and payment notifications. */
  APP_URL: url("public base URL").optional(),
  /** Real Postgres. Unset: embedded PGlite under PGLITE_DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: "must be a postgres:// or postgresql:// URL" })
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number({ error: "must be a number" }).int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default(".data"),
  PGLITE_DATA_DIR: z.string().min(1).optional(),
  /** Secret for session tokens; at least 32 characters. Generated once under DATA_DIR when unset
   *  (fine for one machine; set it when several instances share sessions). */
  AUTH_SECRET: z.string().min(32, { error: "must be at least 32 characters" }).optional(),
  /** Seed demo data into an empty database at start. */
  SEED_DEMO: bool.default(true),

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

  // Media
  STORAGE_DRIVER: z.enum(["local"], { error: "must be local" }).default("local"),
  STORAGE_DIR: z.string().min(1).optional(),
  UPLOAD_MAX_BYTES: z.coerce.number({ error: "must be a number of bytes" }).int().min(10_000).max(50_000_000).default(10_000_000),

  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

type Raw = z.infer<typeof schema>;

export type Env = Omit<Raw, "APP_URL" | "AUTH_SECRET" | "PGLITE_DATA_DIR" | "STORAGE_DIR" | "SANDBOX_ENABLED" | "WECHAT_OAUTH_BASE_URL" | "WECHAT_API_BASE_URL"> & {
  APP_URL: string;
  AUTH_SECRET: string;
  PGLITE_DATA_DIR: string;
  STORAGE_DIR: string;
  SANDBOX_ENABLED: boolean;
  WECHAT_OAUTH_BASE_URL: string;
  WECHAT_API_BASE_URL: string;
  /** "postgres" when DATABASE_URL is set, else "pglite". */
  DATABASE_KIND: "postgres" | "pglite";
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
  const dataDir = path.resolve(/*turbopackIgnore: true*/ raw.DATA_DIR);
  const appUrl = raw.APP_URL ?? `http://localhost:${raw.PORT}`;
  const sandboxBase = `${appUrl}/sandbox/wechat`;
  return {
    ...raw,
    DATA_DIR: dataDir,
    APP_URL: appUrl,
    AUTH_SECRET: raw.AUTH_SECRET ?? persistentSecret(dataDir, "auth-secret"),
    PGLITE_DATA_DIR: path.resolve(/*turbopackIgnore: true*/ raw.PGLITE_DATA_DIR ?? path.join(dataDir, "pglite")),
    STORAGE_DIR: path.resolve(/*turbopackIgnore: true*/ raw.STORAGE_DIR ?? path.join(dataDir, "uploads")),
    WECHAT_OAUTH_BASE_URL: raw.WECHAT_OAUTH_BASE_URL ?? sandboxBase,
    WECHAT_API_BASE_URL: raw.WECHAT_API_BASE_URL ?? sandboxBase,
    SANDBOX_ENABLED: raw.SANDBOX_ENABLED ?? true,
    DATABASE_KIND: raw.DATABASE_URL ? "postgres" : "pglite",
  };
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
