// The console frame (seller center, admin console) in both languages: its landmarks are
// named in the page's language (the side navigation was "Sections" on Chinese pages).
import { createElement as h, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { messagesFor } from "@/lib/i18n/messages";

vi.mock("next/navigation", () => ({ useRouter: () => ({ replace: () => {}, push: () => {}, refresh: () => {} }), usePathname: () => "/" }));
vi.mock("next-auth/react", () => ({ signOut: vi.fn() }));
vi.mock("@/lib/i18n/actions", () => ({ setLocale: vi.fn() }));
// The bell is an async server component of its own (tested in tests/components/notifications).
vi.mock("@/components/notifications/notification-bell", () => ({ NotificationBell: () => null }));

const { ConsoleShell } = await import("@/components/shell/console-shell");

function render(locale: "en" | "zh-CN", node: ReactNode) {
  const missing: string[] = [];
  const html = renderToStaticMarkup(h(NextIntlClientProvider, { locale, messages: messagesFor(locale) as never, timeZone: "Asia/Shanghai", onError: (e: Error) => void missing.push(e.message), children: node }));
  expect(missing).toEqual([]);
  return html;
}

describe("ConsoleShell", () => {
  it.each([
    ["zh-CN", "栏目导航"],
    ["en", "Sections"],
  ] as const)("names the side navigation in the page's language (%s)", (locale, name) => {
    const html = render(locale, h(ConsoleShell, { brand: "小店", brandHref: "/seller", userName: "王", sidebar: h("a", { href: "/x" }, "x"), children: h("p", null, "body") }));
    expect(html).toContain(`<nav aria-label="${name}"`);
  });
});
