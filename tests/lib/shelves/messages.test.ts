// The groups/shelf/storefront strings: both languages have the same keys, every key the UI
// asks for exists, and every field-error key lib/shelves can produce is translated.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { messagesFor } from "@/lib/i18n/messages";

const root = path.resolve(import.meta.dirname, "../../..");
const locales = ["en", "zh-CN"] as const;

function flatten(obj: unknown, prefix = ""): string[] {
  if (obj && typeof obj === "object") return Object.entries(obj).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  return [prefix];
}

function has(messages: unknown, dotted: string): boolean {
  let cur: unknown = messages;
  for (const part of dotted.split(".")) {
    if (!cur || typeof cur !== "object" || !(part in cur)) return false;
    cur = (cur as Record<string, unknown>)[part];
  }
  return typeof cur === "string";
}

function files(dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { recursive: true, withFileTypes: true }).filter((d) => d.isFile() && /\.tsx?$/.test(d.name)).map((d) => path.join(d.parentPath, d.name));
}

const uiFiles = [
  ...files("components/shelves"),
  ...files("components/store"),
  ...files("app/(store)"),
  ...files("app/(seller)/seller/stores/[storeId]/groups"),
  ...files("app/(seller)/seller/stores/[storeId]/shelf"),
];

/** Literal keys passed to translators bound to a namespace, e.g. `const t = useTranslations("store")` then `t("soldOut")`. */
function usedKeys(): { file: string; key: string }[] {
  const out: { file: string; key: string }[] = [];
  for (const file of uiFiles) {
    const src = fs.readFileSync(file, "utf8");
    for (const m of src.matchAll(/const (\w+) = (?:await )?(?:useTranslations|getTranslations)\("([\w.-]+)"\)/g)) {
      const [, fn, ns] = m;
      for (const call of src.matchAll(new RegExp(`\\b${fn}\\("([^"]+)"`, "g"))) out.push({ file: path.relative(root, file), key: `${ns}.${call[1]}` });
    }
  }
  return out;
}

describe("shelves and store messages", () => {
  it("have the same keys in English and Chinese", () => {
    const [en, zh] = locales.map((l) => messagesFor(l));
    for (const ns of ["shelves", "store"] as const) expect(flatten(zh[ns]).sort(), ns).toEqual(flatten(en[ns]).sort());
    const fieldKeys = (l: "en" | "zh-CN") => Object.keys(JSON.parse(fs.readFileSync(path.join(root, `lib/i18n/messages/${l}/fields-shelves.json`), "utf8"))).sort();
    expect(fieldKeys("zh-CN")).toEqual(fieldKeys("en"));
  });

  it("contain every key the UI asks for", () => {
    const used = usedKeys();
    expect(used.length).toBeGreaterThan(50); // the scan found the UI
    for (const l of locales) {
      const missing = used.filter((u) => !has(messagesFor(l), u.key));
      expect(missing, l).toEqual([]);
    }
  });

  it("translate every field-error key lib/shelves produces", () => {
    const src = ["lib/shelves/schemas.ts", "lib/shelves/groups.ts", "lib/shelves/shelf.ts"].map((f) => fs.readFileSync(path.join(root, f), "utf8")).join("\n");
    const keys = new Set(
      [...src.matchAll(/error: "(\w+)"/g), ...src.matchAll(/fieldErrors: \{ \w+: \["(\w+)"\]/g), ...src.matchAll(/problems\[[^\]]+\] = \["(\w+)"\]/g)].map((m) => m[1]),
    );
    expect(keys).toContain("groupUnknown");
    for (const l of locales) {
      const fields = messagesFor(l).errors.fields as Record<string, string>;
      expect([...keys].filter((k) => !(k in fields)), l).toEqual([]);
    }
  });
});
