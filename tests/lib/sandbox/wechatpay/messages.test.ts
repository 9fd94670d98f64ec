// The WeChat Pay sandbox's strings (namespace "sandbox", under "pay"): both languages have the
// same keys, and every key its pages ask for exists — literal ones found in the source, and
// the ones built from a value (problems, results, fault names, statuses) listed here.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { messagesFor } from "@/lib/i18n/messages";
import { defaultFaults } from "@/lib/sandbox/wechatpay/faults";

const root = path.resolve(import.meta.dirname, "../../../..");
const locales = ["en", "zh-CN"] as const;

function flatten(obj: unknown, prefix = ""): string[] {
  if (obj && typeof obj === "object") return Object.entries(obj).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  return [prefix];
}

function lookup(messages: unknown, dotted: string): unknown {
  let cur: unknown = messages;
  for (const part of dotted.split(".")) {
    if (!cur || typeof cur !== "object" || !(part in cur)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function sources(): string[] {
  const dir = path.join(root, "app/sandbox/wechatpay");
  const app = fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith(".tsx"))
    .map((d) => path.join(d.parentPath, d.name));
  const comps = fs
    .readdirSync(path.join(root, "components/sandbox"))
    .filter((f) => f.startsWith("wechatpay-"))
    .map((f) => path.join(root, "components/sandbox", f));
  return [...app, ...comps];
}

describe("WeChat Pay sandbox messages", () => {
  it("have the same keys in both languages", () => {
    const [en, zh] = locales.map((l) => flatten(lookup(messagesFor(l), "sandbox.pay")).sort());
    expect(en.length).toBeGreaterThan(40);
    expect(zh).toEqual(en);
  });

  it("contain every key the pages ask for", () => {
    const literal = sources().flatMap((file) => [...fs.readFileSync(file, "utf8").matchAll(/\bt\("(pay\.[A-Za-z0-9_.]+)"/g)].map((m) => m[1]));
    expect(literal.length).toBeGreaterThan(30);
    const built = [
      ...["missing", "badSign", "badPackage", "badReturnUrl", "unknownOrder", "paid", "closed", "expired"].map((k) => `pay.problems.${k}`),
      ...["ok", "fail", "cancel"].map((k) => `pay.results.${k}`),
      ...Object.keys(defaultFaults).map((k) => `pay.inspector.fault.${k}`),
      ...["delivered", "pending", "gaveUp", "held"].map((k) => `pay.inspector.status.${k}`),
      ...["replayed", "replayFailed", "released", "reset", "saved", "notFound", "invalid"].map((k) => `pay.inspector.done.${k}`),
    ];
    for (const locale of locales) {
      const missing = [...literal, ...built].filter((k) => typeof lookup(messagesFor(locale), `sandbox.${k}`) !== "string");
      expect(missing, locale).toEqual([]);
    }
  });
});
