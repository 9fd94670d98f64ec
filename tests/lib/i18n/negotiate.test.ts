import { describe, expect, it } from "vitest";
import { negotiateLocale } from "@/lib/i18n/config";

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
