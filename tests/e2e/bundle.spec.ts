import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { expect, test } from "@playwright/test";

// First-load JavaScript of each storefront route, read from the production build: every
// script the route's HTML loads (module browsers skip the noModule polyfills), gzipped.
const LIMIT = 170 * 1024;

function firstLoadJs(html: string): { total: number; files: string[] } {
  const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]).filter((attrs) => !/\bnoModule\b/i.test(attrs));
  const files = [...new Set(scripts.map((attrs) => /\bsrc="([^"]+)"/.exec(attrs)?.[1]).filter((s): s is string => !!s && s.startsWith("/_next/")))];
  let total = 0;
  for (const src of files) {
    const file = path.join(".next", decodeURIComponent(src.replace(/^\/_next\//, "").split("?")[0]));
    total += zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
  }
  return { total, files };
}

test("every storefront route loads at most 170 KB of JavaScript (gzipped)", async ({ request, baseURL }) => {
  const home = await (await request.get("/s/west-lake-tea")).text();
  const group = /href="(\/s\/west-lake-tea\/groups\/[^"]+)"/.exec(home)?.[1];
  const item = /href="(\/s\/west-lake-tea\/items\/[^"]+)"/.exec(home)?.[1];
  expect(group && item).toBeTruthy();
  const routes = ["/s/west-lake-tea", group!, item!, "/s/west-lake-tea/search?q=%E8%8C%B6"];
  const sizes: Record<string, number> = {};
  for (const route of routes) {
    const res = await request.get(route);
    expect(res.status(), route).toBe(200);
    sizes[route] = firstLoadJs(await res.text()).total;
  }
  console.log(`first-load JS (gzip, ${baseURL}):`, Object.fromEntries(Object.entries(sizes).map(([r, b]) => [r, `${(b / 1024).toFixed(1)} KB`])));
  for (const [route, bytes] of Object.entries(sizes)) expect(bytes, route).toBeLessThanOrEqual(LIMIT);
});

// A store's home, group and item pages are the same for every buyer: rendered once per
// locale and then served whole from the cache (the cart badge, and an item's stock and buy
// button, are asked for after loading). A request-dependent read slipped into them (a
// cookie, a header, the session) would make them render on every request again, or fail
// their cached render.
test("a store's home, group and item pages are rendered once per locale and then served from the cache", async ({ request }) => {
  const home = await (await request.get("/s/west-lake-tea")).text();
  const group = /href="(\/s\/west-lake-tea\/groups\/[^"]+)"/.exec(home)?.[1];
  const item = /href="(\/s\/west-lake-tea\/items\/[^"]+)"/.exec(home)?.[1];
  expect(group && item).toBeTruthy();
  for (const route of ["/s/west-lake-tea", group!, item!]) {
    for (const locale of ["zh-CN", "en"]) {
      const headers = { "accept-language": locale };
      expect((await request.get(route, { headers })).status(), route).toBe(200);
      const again = await request.get(route, { headers });
      expect(again.headers()["x-nextjs-cache"], `${route} in ${locale}`).toBe("HIT");
      // Not for shared caches: the address serves a page per language (next.config.ts).
      expect(again.headers()["cache-control"]).toBe("private, no-cache");
      expect(await again.text()).toContain(`<html lang="${locale}"`);
    }
  }
});

// Every page names the app's icon, and it is there (browsers asked for a missing /favicon.ico on every page: #26).
test("every surface's pages link an icon that answers 200", async ({ request }) => {
  for (const route of ["/s/west-lake-tea", "/signin", "/orders", "/seller", "/admin"]) {
    const html = await (await request.get(route)).text();
    const href = /<link rel="icon" href="([^"]+)"/.exec(html)?.[1];
    expect(href, route).toBeTruthy();
    const icon = await request.get(href!);
    expect(icon.status(), href).toBe(200);
    expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  }
});

// Every surface answers with the security headers (#23), the cached storefront pages included
// (static headers: they stay served whole from the cache, checked above).
test("every surface sends the security headers: no framing, no sniffing, a referrer policy, no powerful features, HSTS", async ({ request }) => {
  const home = await (await request.get("/s/west-lake-tea")).text();
  const item = /href="(\/s\/west-lake-tea\/items\/[^"]+)"/.exec(home)![1];
  for (const route of ["/s/west-lake-tea", item, "/signin", "/orders", "/seller", "/admin", "/api/health", "/api/store/v1/stores/west-lake-tea", "/sandbox/wechatpay", "/robots.txt"]) {
    const res = await request.get(route, { maxRedirects: 0 });
    const h = res.headers();
    expect(h["content-security-policy"], route).toContain("frame-ancestors 'none'");
    expect(h["x-frame-options"], route).toBe("DENY");
    expect(h["x-content-type-options"], route).toBe("nosniff");
    expect(h["referrer-policy"], route).toBe("strict-origin-when-cross-origin");
    expect(h["permissions-policy"], route).toContain("camera=()");
    expect(h["strict-transport-security"], route).toContain("max-age=");
  }
});

// A malformed percent-escape in a path is bad input: 400 (Next answered a bare 500, #23).
test("a path with a malformed percent-escape answers 400 on every surface, a valid one as usual", async ({ request }) => {
  for (const route of ["/s/%E0%A4%A", "/s/west-lake-tea/items/%E0%A4%A", "/api/store/v1/stores/%E0%A4%A", "/media/%E0%A4%A", "/orders/%E0%A4%A", "/seller/stores/%E0%A4%A"]) {
    expect((await request.get(route, { maxRedirects: 0 })).status(), route).toBe(400);
  }
  expect((await request.get("/api/store/v1/stores/%E0%A4%A")).headers()["content-type"]).toContain("application/json");
  expect((await request.get("/s/%77est-lake-tea")).status()).toBe(200);
});
