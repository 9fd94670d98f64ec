import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { firstRangeIs, localeCookie, locales, negotiateLocale } from "@/lib/i18n/config";

describe("negotiateLocale", () => {
  it.each([
    [undefined, "zh-CN"],
    ["", "zh-CN"],
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["en-US,en;q=0.9", "en"],
    ["fr-FR,en;q=0.5,zh;q=0.4", "en"],
    ["fr-FR,de;q=0.9", "zh-CN"],
    ["en;q=0.2, zh;q=0.8", "zh-CN"],
    ["en;q=0, zh-CN;q=0.1", "zh-CN"],
    ["*", "zh-CN"],
  ])("%s → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

// next.config.ts rewrites the storefront's addresses with these regular expressions (Next
// anchors them), and proxy.ts runs negotiateLocale only for the headers they do not settle:
// wherever one matches, its answer must be negotiateLocale's.
describe("firstRangeIs", () => {
  const anchored = (re: string) => new RegExp(`^${re}$`);
  const settles = (header: string) => (anchored(firstRangeIs.en).test(header) ? "en" : anchored(firstRangeIs.zhOrAny).test(header) ? "zh-CN" : null);

  it.each([
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["en-US,en;q=0.9", "en"],
    ["EN", "en"],
    ["*", "zh-CN"],
    ["zh-TW, en;q=2", "zh-CN"],
    ["en;q=0.2, zh;q=0.8", null],
    ["fr-FR,en;q=0.5", null],
    ["enx", null],
  ])("%s → %s", (header, expected) => {
    expect(settles(header)).toBe(expected);
  });

  it("agrees with negotiateLocale on every header it settles", () => {
    const range = fc.tuple(
      fc.constantFrom("zh", "zh-CN", "ZH-tw", "en", "en-US", "EN-gb", "enx", "fr", "de-DE", "*", "", " en ", "zh;", "e"),
      fc.option(fc.constantFrom("q=0", "q=0.5", "q=1", "q=2", "q=abc", "q=0.9", "level=1"), { nil: undefined }),
    );
    const header = fc
      .tuple(fc.array(range, { minLength: 1, maxLength: 5 }), fc.constantFrom(",", ", ", " ,"))
      .map(([rs, separator]) => rs.map(([tag, p]) => (p ? `${tag};${p}` : tag)).join(separator));
    fc.assert(
      fc.property(fc.oneof(header, fc.string()), (h) => {
        const settled = settles(h);
        if (settled) expect(settled, h).toBe(negotiateLocale(h));
      }),
      { numRuns: 2000 },
    );
  });

  it("is what proxy.ts's matcher leaves to next.config.ts, literally", async () => {
    vi.mock("next/server", () => ({ NextResponse: {} }));
    const { config } = await import("@/proxy");
    const matcher = config.matcher[0] as Exclude<(typeof config.matcher)[number], string>;
    expect(matcher.missing[0]).toEqual({ type: "cookie", key: localeCookie, value: `(?:${locales.join("|")})` });
    expect(matcher.missing[1].value).toBe(`(?:${firstRangeIs.en}|${firstRangeIs.zhOrAny})`);
  });
});
