import { NextResponse, type NextRequest } from "next/server";
import { isLocale, localeCookie, negotiateLocale } from "@/lib/i18n/config";

// Storefront addresses carry no locale; the pages behind them do (app/(store)/[locale]), so
// that each can be rendered once per locale and cached. The buyer's chosen language (cookie)
// wins, else Accept-Language — the same choice the rest of the site makes per request.
//
// Most requests never get here: next.config.ts's rewrites settle a valid cookie, a missing
// header and a header whose first range decides (firstRangeIs) with a regular expression,
// which costs the server far less than running this (~1.5 ms a request). This takes the rest.
export function proxy(request: NextRequest) {
  const chosen = request.cookies.get(localeCookie)?.value;
  const locale = isLocale(chosen) ? chosen : negotiateLocale(request.headers.get("accept-language"));
  const url = request.nextUrl.clone();
  url.pathname = `/${locale}${url.pathname}`;
  return NextResponse.rewrite(url);
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
  ],
};
