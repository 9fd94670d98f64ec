import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { firstRangeIs, localeCookie, locales } from "./lib/i18n/config";

// Messages are compiled at build time (next-intl's experimental precompile): pages and client
// components format them without bundling an ICU parser (~12 KB gzipped of every storefront
// page's JavaScript) or parsing them per process.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: { messages: { path: "./lib/i18n/messages", format: "json", locales: "infer", precompile: true } },
});

export const SECURITY_HEADERS = [
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'; base-uri 'self'; object-src 'none'" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Strict-Transport-Security", value: "max-age=31536000" },
];

const config: NextConfig = {
  poweredByHeader: false,
  // Cached storefront pages and data, expired by every invalidation wherever it comes from
  // (a request, a background job, another instance): see the file.
  cacheHandler: fileURLToPath(new URL("./lib/cache-handler.mjs", import.meta.url)),
  cacheMaxMemorySize: 0,
  // Bundled, PGlite fails at run time (it loads its WASM and data files from disk).
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "sharp", "@node-rs/argon2", "pg"],
  images: {
    // Uploads are resized into fixed WebP variants once, at upload; the loader picks one.
    loader: "custom",
    loaderFile: "./lib/media/image-loader.ts",
  },
  // The storefront's locale segment (app/(store)/[locale]) from the buyer's cookie or
  // Accept-Language, for the requests a regular expression can settle; proxy.ts does the rest.
  async rewrites() {
    const to = (locale: string) => `/${locale}/s/:path*`;
    return {
      beforeFiles: [
        ...locales.map((locale) => ({ source: "/s/:path*", has: [{ type: "cookie" as const, key: localeCookie, value: locale }], destination: to(locale) })),
        { source: "/s/:path*", has: [{ type: "header", key: "accept-language", value: firstRangeIs.en }], destination: to("en") },
        { source: "/s/:path*", has: [{ type: "header", key: "accept-language", value: firstRangeIs.zhOrAny }], destination: to("zh-CN") },
        { source: "/s/:path*", missing: [{ type: "header", key: "accept-language" }], destination: to("zh-CN") },
      ],
    };
  },
  // Next marks the cached storefront pages publicly cacheable (s-maxage). Not so: one address
  // serves a page per language, and a shared cache would miss our invalidations. Browsers may
  // keep them but must ask again each time (a 304 when unchanged, by ETag).
  async headers() {
    const privateCache = [{ key: "Cache-Control", value: "private, no-cache" }];
    return [
      // Every answer: not framed by any page (clickjacking an admin's or seller's buttons), no
      // content sniffing, the address sent to other sites only as an origin, no powerful browser
      // features, https remembered once the site is served over it (browsers ignore HSTS over
      // http). Static, so the storefront's cached pages stay whole-page cached.
      { source: "/:path*", headers: SECURITY_HEADERS },
      { source: "/s/:slug", headers: privateCache },
      { source: "/s/:slug/groups/:groupId", headers: privateCache },
      { source: "/s/:slug/items/:itemId", headers: privateCache },
    ];
  },
  experimental: {
    // A cached storefront page (a store's home, a group, an item) is reused by the browser's router for
    // 30 s, not the default 5 minutes: prices and shelves there should not lag behind.
    staleTimes: { static: 30 },
    // app/global-not-found.tsx: see there.
    globalNotFound: true,
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default withNextIntl(config);
