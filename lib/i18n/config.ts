// Locales and Accept-Language negotiation (pure: shared by server code and tests).
export const locales = ["zh-CN", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "zh-CN";
export const localeCookie = "NEXT_LOCALE";

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (locales as readonly string[]).includes(v);
}

/** Best supported locale for an Accept-Language header; zh-CN when nothing matches. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return defaultLocale;
  const ranges = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      // A quality above 1 is malformed; it counts as 1, the most a range can have.
      return { tag: tag.trim().toLowerCase(), quality: Number.isFinite(quality) ? Math.min(quality, 1) : 0, index };
    })
    .filter((r) => r.tag && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranges) {
    if (tag === "*") return defaultLocale;
    if (tag.startsWith("zh")) return "zh-CN";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return defaultLocale;
}

/**
 * Accept-Language values whose answer a regular expression can give, for Next's rewrites
 * (next.config.ts) and proxy.ts's matcher: the first range names a language we speak, or *,
 * and has no parameters — so its quality is 1, the most any range can have, and being first
 * it wins (negotiateLocale). Browsers send their preferred language first, so nearly every
 * request is one of these; the rest go through proxy.ts, which runs negotiateLocale. Next
 * anchors each at both ends. Must stay literal copies in proxy.ts (tests/lib/i18n/negotiate.test.ts).
 */
export const firstRangeIs = {
  en: "(?:\\s*[eE][nN](?:-[^,;]*)?\\s*(?:,.*)?)",
  zhOrAny: "(?:\\s*(?:[zZ][hH][^,;]*|\\*\\s*)(?:,.*)?)",
} as const;
