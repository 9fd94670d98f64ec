// WeChat Pay settings: validated at start with the variable named, sandbox defaults, keys
// generated once (0600, atomically) that both sides agree on — also across processes starting
// together — and never generated for production. No database needed.
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it, vi } from "vitest";
import { EnvError, parseEnv, resetEnvForTests } from "@/lib/env";
import { merchantConfig, sandboxConfig } from "@/lib/payments/wechatpay/config";
import { signSha256Rsa, verifySha256Rsa } from "@/lib/payments/wechatpay/crypto";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "wechatpay-config-"));
afterAll(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const privatePem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const publicPem = crypto.createPublicKey(privateKey).export({ type: "spki", format: "pem" }).toString();

function problems(source: Record<string, string>): string[] {
  try {
    parseEnv({ DATA_DIR: tmp, ...source });
  } catch (e) {
    if (e instanceof EnvError) return e.problems;
    throw e;
  }
  return [];
}

describe("WECHATPAY_* settings", () => {
  it("defaults to the sandbox under APP_URL, the WeChat app id and APP_URL for notifications", () => {
    // A public demo: the sandbox on a public address must be asked for (lib/env.ts).
    const e = parseEnv({ DATA_DIR: tmp, APP_URL: "https://shop.example.com", SANDBOX_ENABLED: "true", WECHAT_APP_ID: "wx1234567890abcdef" });
    expect(e.WECHATPAY_BASE_URL).toBe("https://shop.example.com/sandbox/wechatpay");
    expect(e.WECHATPAY_APP_ID).toBe("wx1234567890abcdef");
    expect(e.WECHATPAY_NOTIFY_BASE_URL).toBe("https://shop.example.com");
    expect(e.WECHATPAY_MCH_ID).toMatch(/^\d{10}$/);
    expect(e.WECHATPAY_SANDBOX_TIME_SCALE).toBe(1);
    expect(e.WECHATPAY_IS_PRODUCTION).toBe(false);
  });

  it.each([
    ["WECHATPAY_APIV3_KEY", "too-short"],
    ["WECHATPAY_APIV3_KEY", "0123456789abcdef0123456789abcdef0"],
    ["WECHATPAY_MCH_ID", "merchant"],
    ["WECHATPAY_APP_ID", "not-an-appid"],
    ["WECHATPAY_MERCHANT_SERIAL", "not hex"],
    ["WECHATPAY_PLATFORM_SERIAL", "KEY_ID_1"],
    ["WECHATPAY_MERCHANT_PRIVATE_KEY", "/no/such/apiclient_key.pem"],
    ["WECHATPAY_MERCHANT_PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----"],
    ["WECHATPAY_PLATFORM_PUBLIC_KEY", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"],
    ["WECHATPAY_SANDBOX_PLATFORM_PRIVATE_KEY", "/no/such/platform.pem"],
    ["WECHATPAY_SANDBOX_TIME_SCALE", "0"],
    ["WECHATPAY_SANDBOX_TIME_SCALE", "fast"],
    ["WECHATPAY_BASE_URL", "ftp://api.example"],
    ["WECHATPAY_NOTIFY_BASE_URL", "not a url"],
  ])("names %s when it is %j", (name, value) => {
    const p = problems({ [name]: value });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(new RegExp(`^${name}: `));
    // A secret never appears in the message.
    if (value.includes("BEGIN")) expect(p[0]).not.toContain("garbage");
  });

  it("takes a key as PEM text, as one line with \\n escapes, or as a file path", () => {
    const file = path.join(tmp, "apiclient_key.pem");
    fs.writeFileSync(file, privatePem);
    for (const value of [privatePem, privatePem.replace(/\n/g, "\\n"), file]) {
      const e = parseEnv({ DATA_DIR: tmp, WECHATPAY_MERCHANT_PRIVATE_KEY: value });
      expect(e.WECHATPAY_MERCHANT_PRIVATE_KEY?.trim()).toBe(privatePem.trim());
    }
    expect(parseEnv({ DATA_DIR: tmp, WECHATPAY_PLATFORM_PUBLIC_KEY: publicPem }).WECHATPAY_PLATFORM_PUBLIC_KEY?.trim()).toBe(publicPem.trim());
  });

  it("requires every key for WeChat Pay itself, naming each missing one", () => {
    const p = problems({ WECHATPAY_BASE_URL: "https://api.mch.weixin.qq.com" });
    expect(p.map((x) => x.split(":")[0]).sort()).toEqual(
      ["WECHATPAY_APIV3_KEY", "WECHATPAY_MERCHANT_PRIVATE_KEY", "WECHATPAY_MERCHANT_SERIAL", "WECHATPAY_PLATFORM_PUBLIC_KEY", "WECHATPAY_PLATFORM_SERIAL", "WECHATPAY_SP_NAME"].sort(),
    );
    // A platform running its own single store (direct mode) shares nothing, so needs no registered name.
    expect(problems({ WECHATPAY_BASE_URL: "https://api.mch.weixin.qq.com", WECHATPAY_MODE: "direct" })).not.toContainEqual(expect.stringMatching(/^WECHATPAY_SP_NAME/));
    const e = parseEnv({
      DATA_DIR: tmp,
      WECHATPAY_BASE_URL: "https://api2.mch.weixin.qq.com",
      WECHATPAY_MERCHANT_SERIAL: "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C",
      WECHATPAY_MERCHANT_PRIVATE_KEY: privatePem,
      WECHATPAY_PLATFORM_SERIAL: "PUB_KEY_ID_0114232134912410000000000000",
      WECHATPAY_PLATFORM_PUBLIC_KEY: publicPem,
      WECHATPAY_APIV3_KEY: "0123456789abcdefABCDEF0123456789",
      WECHATPAY_SP_NAME: "某某科技有限公司",
    });
    expect(e.WECHATPAY_IS_PRODUCTION).toBe(true);
    expect(e.WECHATPAY_MODE).toBe("service_provider");
  });
});

describe("generated sandbox keys", () => {
  it("are generated once, mode 0600, and both sides agree on them", () => {
    const dataDir = path.join(tmp, "gen");
    vi.stubEnv("DATA_DIR", dataDir);
    resetEnvForTests();
    const m = merchantConfig();
    const s = sandboxConfig();
    const dir = path.join(dataDir, "wechatpay-sandbox");
    for (const f of ["apiclient_key.pem", "platform_key.pem", "merchant_serial.txt", "platform_serial.txt", "apiv3_key.txt"]) {
      expect(fs.statSync(path.join(dir, f)).mode & 0o777).toBe(0o600);
    }
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(m.merchantSerial).toMatch(/^[0-9A-F]{40}$/);
    expect(m.platformSerial).toMatch(/^PUB_KEY_ID_\d+$/);
    expect(m.apiV3Key).toHaveLength(32);
    expect([s.merchantSerial, s.platformSerial, s.apiV3Key]).toEqual([m.merchantSerial, m.platformSerial, m.apiV3Key]);
    // The merchant signs, the sandbox verifies; the sandbox signs, the merchant verifies.
    expect(verifySha256Rsa(s.merchantPublicKey, "x\n", signSha256Rsa(m.merchantPrivateKey, "x\n"))).toBe(true);
    expect(verifySha256Rsa(m.platformPublicKey, "y\n", signSha256Rsa(s.platformPrivateKey, "y\n"))).toBe(true);
    // The public halves are written for pointing an SDK at the sandbox.
    expect(crypto.createPublicKey(fs.readFileSync(path.join(dir, "pub_key.pem"), "utf8")).equals(m.platformPublicKey)).toBe(true);

    resetEnvForTests();
    const again = merchantConfig();
    expect(again).not.toBe(m);
    expect([again.merchantSerial, again.platformSerial, again.apiV3Key]).toEqual([m.merchantSerial, m.platformSerial, m.apiV3Key]);
    expect(again.merchantPrivateKey.equals(m.merchantPrivateKey)).toBe(true);
  });

  it("uses configured keys instead of generating them", () => {
    const dataDir = path.join(tmp, "configured");
    vi.stubEnv("DATA_DIR", dataDir);
    vi.stubEnv("WECHATPAY_MERCHANT_PRIVATE_KEY", privatePem);
    vi.stubEnv("WECHATPAY_APIV3_KEY", "0123456789abcdefABCDEF0123456789");
    resetEnvForTests();
    try {
      expect(merchantConfig().merchantPrivateKey.equals(crypto.createPrivateKey(privatePem))).toBe(true);
      expect(merchantConfig().apiV3Key).toBe("0123456789abcdefABCDEF0123456789");
      expect(fs.existsSync(path.join(dataDir, "wechatpay-sandbox", "apiclient_key.pem"))).toBe(false);
    } finally {
      vi.stubEnv("WECHATPAY_MERCHANT_PRIVATE_KEY", "");
      vi.stubEnv("WECHATPAY_APIV3_KEY", "");
      resetEnvForTests();
    }
  });

  it("agree across processes that start at the same moment", async () => {
    const file = path.join(tmp, "race", "apiv3_key.txt");
    const module = path.resolve("lib/payments/wechatpay/keyfile.ts");
    const script = `import(${JSON.stringify(module)}).then((m) => process.stdout.write(m.writeOnce(${JSON.stringify(file)}, () => require("node:crypto").randomBytes(16).toString("hex"))))`;
    const run = promisify(execFile);
    const outs = await Promise.all(Array.from({ length: 6 }, () => run(process.execPath, ["--import", "tsx", "-e", script], { cwd: process.cwd() })));
    const values = outs.map((o) => o.stdout);
    expect(values[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(values).size).toBe(1);
    expect(fs.readFileSync(file, "utf8")).toBe(values[0]);
    expect(fs.readdirSync(path.dirname(file))).toEqual(["apiv3_key.txt"]);
  });
});
