import { NextResponse, type NextRequest } from "next/server";
import { isLocale, localeCookie, negotiateLocale } from "@/lib/i18n/config";

// Storefront addresses carry no locale; the pages behind them do (app/(store)/[locale]), so
// that each can be rendered once per locale and cached. The buyer's chosen language (cookie)
// wins, else Accept-Language — the same choice the rest of the site makes per request.
//
// Most requests never get here: next.config.ts's rewrites settle a valid cookie, a missing
// header and a header whose first range decides (firstRangeIs) with a regular expression,
// which costs the server far less than running this (~1.5 ms a request). This takes the rest.
//
// It also takes every address with a percent sign in its path (second matcher) and refuses a
// malformed one ("/s/%E0%A4%A") with 400: Next answered those with a bare 500 and logged nothing.
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname.includes("%")) {
    if (!decodesCleanly(pathname)) return badAddress(pathname);
    if (!pathname.startsWith("/s/")) return NextResponse.next();
  }
  const chosen = request.cookies.get(localeCookie)?.value;
  const locale = isLocale(chosen) ? chosen : negotiateLocale(request.headers.get("accept-language"));
  const url = request.nextUrl.clone();
  url.pathname = `/${locale}${url.pathname}`;
  return NextResponse.rewrite(url);
}

/** True when every percent-escape in the path is valid UTF-8. */
export function decodesCleanly(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function badAddress(pathname: string) {
  const headers = { "Cache-Control": "no-store" };
  if (pathname.startsWith("/api/")) return NextResponse.json({ error: { code: "VALIDATION", message: "Malformed percent-encoding in the path." } }, { status: 400, headers });
  return new NextResponse("Bad request: this address has a malformed percent-encoding.", { status: 400, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
}

// Literal (Next reads it at build time): the cookie values are lib/i18n/config.ts's locales,
// the header value is firstRangeIs.en or firstRangeIs.zhOrAny (tests/lib/i18n/negotiate.test.ts).
export const config = {
  matcher: [
    {
      source: "/s/:path*",
      has: [{ type: "header", key: "accept-language" }],
      missing: [
        { type: "cookie", key: "NEXT_LOCALE", value: "(?:zh-CN|en)" },
        { type: "header", key: "accept-language", value: "(?:(?:\\s*[eE][nN](?:-[^,;]*)?\\s*(?:,.*)?)|(?:\\s*(?:[zZ][hH][^,;]*|\\*\\s*)(?:,.*)?))" },
      ],
    },
    // Any path holding a percent-escape (rare: slugs and ids are ASCII; search terms travel in the query).
    "/(.*%.*)",
  ],
};
