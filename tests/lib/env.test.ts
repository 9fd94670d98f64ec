import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

const scratch = () => fs.mkdtempSync(path.join(os.tmpdir(), "ls-env-"));

function problems(vars: Record<string, string>): string[] {
  try {
    parseEnv({ DATA_DIR: scratch(), ...vars });
  } catch (e) {
    if (e instanceof EnvError) return e.problems;
    throw e;
  }
  return [];
}

describe("the environment", () => {
  it("works with nothing set: embedded database, sandboxes on, defaults everywhere", () => {
    const e = parseEnv({ DATA_DIR: scratch() });
    expect(e).toMatchObject({ PORT: 3000, APP_URL: "http://localhost:3000", DATABASE_KIND: "pglite", SANDBOX_ENABLED: true, ORDER_PAYMENT_TIMEOUT: 30 * 60_000, ORDER_AUTO_CONFIRM_DAYS: 7 });
    expect(e.WECHAT_OAUTH_BASE_URL).toBe("http://localhost:3000/sandbox/wechat");
    expect(e.WECHATPAY_BASE_URL).toBe("http://localhost:3000/sandbox/wechatpay");
    expect(e.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("listens on this machine only unless APP_URL is another machine's address or HOST says otherwise", () => {
    const host = (vars: Record<string, string>) => parseEnv({ DATA_DIR: scratch(), ...vars }).HOST;
    expect(host({})).toBe("127.0.0.1");
    expect(host({ APP_URL: "http://127.0.0.1:3100" })).toBe("127.0.0.1");
    expect(host({ APP_URL: "http://[::1]:3100" })).toBe("127.0.0.1");
    expect(host({ APP_URL: "http://192.168.1.20:3000" })).toBe("0.0.0.0");
    expect(host({ APP_URL: "https://shop.example.com", SANDBOX_ENABLED: "true" })).toBe("0.0.0.0");
    expect(host({ HOST: "0.0.0.0" })).toBe("0.0.0.0");
    expect(problems({ HOST: "not a host!" })).toEqual([expect.stringMatching(/^HOST: /)]);
  });

  it("caps a buyer's unpaid orders per store at 10 and unpaid units per SKU at 99 unless told otherwise", () => {
    const e = parseEnv({ DATA_DIR: scratch() });
    expect([e.MAX_UNPAID_ORDERS_PER_STORE, e.MAX_UNPAID_UNITS_PER_SKU]).toEqual([10, 99]);
    expect(problems({ MAX_UNPAID_ORDERS_PER_STORE: "0" })).toEqual([expect.stringMatching(/^MAX_UNPAID_ORDERS_PER_STORE: /)]);
  });

  it("generates the session secret once and keeps it", () => {
    const dir = scratch();
    expect(parseEnv({ DATA_DIR: dir }).AUTH_SECRET).toBe(parseEnv({ DATA_DIR: dir }).AUTH_SECRET);
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://root@localhost/x" }, "DATABASE_URL"],
    [{ AUTH_SECRET: "short" }, "AUTH_SECRET"],
    [{ APP_URL: "ftp://example.com" }, "APP_URL"],
    [{ SEED_DEMO: "maybe" }, "SEED_DEMO"],
    [{ ORDER_PAYMENT_TIMEOUT: "30 minutes" }, "ORDER_PAYMENT_TIMEOUT"],
    [{ ORDER_PAYMENT_TIMEOUT: "1s" }, "ORDER_PAYMENT_TIMEOUT"],
    [{ WECHAT_APP_ID: "not-an-appid" }, "WECHAT_APP_ID"],
    [{ LOG_LEVEL: "verbose" }, "LOG_LEVEL"],
  ])("rejects %o with a message naming %s", (vars, name) => {
    const p = problems(vars);
    expect(p.length).toBeGreaterThan(0);
    expect(p.join("\n")).toContain(`${name}:`);
  });

  it("names every bad variable at once", () => {
    const p = problems({ PORT: "x", LOG_LEVEL: "loud" });
    expect(p.some((m) => m.startsWith("PORT:"))).toBe(true);
    expect(p.some((m) => m.startsWith("LOG_LEVEL:"))).toBe(true);
  });

  it("reads durations and treats empty values as unset", () => {
    expect(parseEnv({ DATA_DIR: scratch(), ORDER_PAYMENT_TIMEOUT: "90s", PORT: "" }).ORDER_PAYMENT_TIMEOUT).toBe(90_000);
    expect(parseEnv({ DATA_DIR: scratch(), ORDER_PAYMENT_TIMEOUT: "2h" }).ORDER_PAYMENT_TIMEOUT).toBe(7_200_000);
  });

  it("turns the sandboxes off by default once real WeChat hosts are configured", () => {
    const e = parseEnv({ DATA_DIR: scratch(), WECHAT_OAUTH_BASE_URL: "https://open.weixin.qq.com", WECHAT_API_BASE_URL: "https://api.weixin.qq.com" });
    expect(e.SANDBOX_ENABLED).toBe(false);
    expect(parseEnv({ DATA_DIR: scratch(), WECHAT_OAUTH_BASE_URL: "https://open.weixin.qq.com", SANDBOX_ENABLED: "true" }).SANDBOX_ENABLED).toBe(true);
  });

  it("keeps the sandboxes and the demo accounts off for a server others can reach, unless asked for", () => {
    for (const url of ["https://shop.example.com", "http://203.0.113.5:3000", "http://[2001:db8::1]:3000", "http://172.32.0.1"]) {
      // WeChat not configured either: the operator must choose.
      expect(problems({ APP_URL: url }), url).toEqual([expect.stringMatching(/^SANDBOX_ENABLED: must be set when APP_URL/)]);
      expect(parseEnv({ DATA_DIR: scratch(), APP_URL: url, SANDBOX_ENABLED: "true" }), url).toMatchObject({ SANDBOX_ENABLED: true, SEED_DEMO: false });
      expect(parseEnv({ DATA_DIR: scratch(), APP_URL: url, SANDBOX_ENABLED: "false" }), url).toMatchObject({ SANDBOX_ENABLED: false, SEED_DEMO: false });
      expect(parseEnv({ DATA_DIR: scratch(), APP_URL: url, WECHAT_OAUTH_BASE_URL: "https://open.weixin.qq.com", WECHAT_API_BASE_URL: "https://api.weixin.qq.com" }), url).toMatchObject({ SANDBOX_ENABLED: false, SEED_DEMO: false });
    }
    for (const url of ["http://localhost:3000", "http://127.0.0.1:3300", "http://[::1]:3000", "http://192.168.1.20:3000", "http://10.0.0.7", "http://172.20.1.1", "http://shop.local"]) {
      expect(parseEnv({ DATA_DIR: scratch(), APP_URL: url }), url).toMatchObject({ SANDBOX_ENABLED: true, SEED_DEMO: true });
    }
    expect(parseEnv({ DATA_DIR: scratch(), APP_URL: "https://demo.example.com", SANDBOX_ENABLED: "true", SEED_DEMO: "true" })).toMatchObject({ SANDBOX_ENABLED: true, SEED_DEMO: true });
  });

  it("seeds the demo accounts (public password) only while no real WeChat host is configured", () => {
    expect(parseEnv({ DATA_DIR: scratch() }).SEED_DEMO).toBe(true);
    expect(parseEnv({ DATA_DIR: scratch(), SEED_DEMO: "false" }).SEED_DEMO).toBe(false);
    expect(parseEnv({ DATA_DIR: scratch(), WECHAT_OAUTH_BASE_URL: "https://open.weixin.qq.com" }).SEED_DEMO).toBe(false);
    expect(problems({ WECHAT_API_BASE_URL: "https://api.weixin.qq.com", SEED_DEMO: "true" })).toEqual([expect.stringMatching(/^SEED_DEMO: must not be true/)]);
  });

  it("demands real keys when WeChat Pay itself is configured, naming each missing one", () => {
    const p = problems({ WECHATPAY_BASE_URL: "https://api.mch.weixin.qq.com" });
    expect(p).toEqual(expect.arrayContaining([expect.stringMatching(/^WECHATPAY_MERCHANT_PRIVATE_KEY:/), expect.stringMatching(/^WECHATPAY_APIV3_KEY:/)]));
  });

  it("sends mail through SMTP when SMTP_HOST is set, to the local catcher on a local server, else nowhere", () => {
    const mail = (vars: Record<string, string>) => {
      const e = parseEnv({ DATA_DIR: scratch(), ...vars });
      return { transport: e.MAIL_TRANSPORT, port: e.SMTP_PORT, secure: e.SMTP_SECURE, from: e.MAIL_FROM };
    };
    expect(mail({})).toEqual({ transport: "catcher", port: 587, secure: false, from: "Little Store <no-reply@localhost>" });
    expect(mail({ APP_URL: "https://shop.example.com", SANDBOX_ENABLED: "false" })).toMatchObject({ transport: "none", from: "Little Store <no-reply@shop.example.com>" });
    expect(mail({ SMTP_HOST: "smtp.example.com", SMTP_PORT: "465", MAIL_FROM: "shop@example.com" })).toEqual({ transport: "smtp", port: 465, secure: true, from: "shop@example.com" });
    expect(mail({ SMTP_HOST: "smtp.example.com", SMTP_SECURE: "false", SMTP_PORT: "465" }).secure).toBe(false);
    expect(problems({ SMTP_HOST: "not a host!" })).toEqual([expect.stringMatching(/^SMTP_HOST: /)]);
    expect(problems({ SMTP_PORT: "99999" })).toEqual([expect.stringMatching(/^SMTP_PORT: /)]);
    expect(problems({ MAIL_FROM: "no address" })).toEqual([expect.stringMatching(/^MAIL_FROM: /)]);
    expect(problems({ SMTP_HOST: "smtp.example.com", SMTP_USER: "me" })).toEqual([expect.stringMatching(/^SMTP_PASSWORD: must be set together with SMTP_USER/)]);
  });
});
