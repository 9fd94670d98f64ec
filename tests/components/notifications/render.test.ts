// Renders the notification centre, the bell and the settings form to HTML in both
// languages: a missing translation, a crash on real-looking data, or a control without its
// accessible name fails here, without a browser. The actions are stubbed (their wiring is
// tested in tests/lib/notifications/centre.test.ts); effects (the live stream) do not run.
import { createElement as h, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { clientMessageScopes, pickMessages } from "@/lib/i18n/client-messages";
import { messagesFor } from "@/lib/i18n/messages";
import type { NotificationItem } from "@/lib/notifications/format";

vi.mock("next/navigation", () => ({ useRouter: () => ({ replace: () => {}, push: () => {}, refresh: () => {} }), usePathname: () => "/" }));
vi.mock("@/lib/notifications/actions", () => ({ markNotificationReadAction: vi.fn(), markAllNotificationsReadAction: vi.fn(), saveNotificationSettingsAction: vi.fn() }));

const { NotificationCentre } = await import("@/components/notifications/notification-centre");
const { LiveBell } = await import("@/components/notifications/live-bell");
const { LiveNotificationsButton } = await import("@/components/notifications/live-notifications-button");
const { NotificationSettingsForm } = await import("@/components/notifications/notification-settings-form");

type Locale = "en" | "zh-CN";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
/** The opening tag of the element with this id, or of the button with this text. */
const inputTag = (html: string, id: string) => new RegExp(`<input id="${id}"[^>]*>`).exec(html)?.[0] ?? "";
const buttonTag = (html: string, text: string) => new RegExp(`<button[^>]*>${esc(text)}</button>`).exec(html)?.[0] ?? "";

function render(locale: Locale, node: ReactNode, messages: Record<string, unknown> = messagesFor(locale)) {
  const missing: string[] = [];
  const html = renderToStaticMarkup(
    h(NextIntlClientProvider, { locale, messages: messages as never, timeZone: "Asia/Shanghai", onError: (e: Error) => void missing.push(e.message), children: node }),
  );
  return { html, missing };
}

const items: NotificationItem[] = [
  { id: "12", kind: "ORDER_PAID", params: { orderNo: "202611240001", amountFen: 12_50 }, link: "/seller/stores/s1/orders/o1", readAt: null, createdAt: "2026-11-24T02:00:00.000Z" },
  { id: "9", kind: "ORDER_SHIPPED", params: { orderNo: "202611240002", storeName: "青山茶铺", carrier: "SF", trackingNo: "SF123" }, link: "/orders/o2", readAt: "2026-11-24T03:00:00.000Z", createdAt: "2026-11-23T02:00:00.000Z" },
  { id: "3", kind: "SOMETHING_NEW", params: {}, link: "/x", readAt: null, createdAt: "2026-11-22T02:00:00.000Z" },
];
const hrefs = { all: "/seller/notifications", unread: "/seller/notifications?filter=unread", settings: "/seller/notifications/settings", older: "/seller/notifications?before=3", newest: null };

describe.each<Locale>(["en", "zh-CN"])("notification components in %s", (locale) => {
  const msgs = messagesFor(locale).notifications;

  it("lists notifications with their messages, links, unread marking and controls", () => {
    const { html, missing } = render(locale, h(NotificationCentre, { items, unread: 2, latestId: "12", filter: "all", hrefs }));
    expect(missing).toEqual([]);
    expect(html).toContain(`aria-label="${esc(msgs.listLabel)}"`);
    expect(html).toContain("202611240001");
    expect(html).toContain("¥12.50");
    expect(html).toContain(locale === "en" ? "SF Express" : "顺丰速运");
    expect(html).toContain(msgs.unknownKind);
    expect(html).toContain('href="/seller/stores/s1/orders/o1"');
    // Two unread (marked for screen readers and with a button each), one read.
    expect(html.split(`<span class="sr-only">${esc(msgs.unreadPrefix)}</span>`).length - 1).toBe(2);
    expect(html.split(`>${esc(msgs.markRead)}</button>`).length - 1).toBe(2);
    expect(html).toContain(`aria-label="${esc(msgs.markReadOf.replace("{message}", msgs.unknownKind))}"`);
    expect(buttonTag(html, msgs.markAllRead)).not.toBe("");
    expect(buttonTag(html, msgs.markAllRead)).not.toContain('disabled=""');
    expect(html).toContain('aria-current="page"');
    expect(html).toContain('href="/seller/notifications?before=3"');
  });

  it("says so when there is nothing, and offers no mark-all", () => {
    const { html, missing } = render(locale, h(NotificationCentre, { items: [], unread: 0, latestId: "0", filter: "unread", hrefs: { ...hrefs, older: null } }));
    expect(missing).toEqual([]);
    expect(html).toContain(esc(msgs.emptyUnread));
    expect(buttonTag(html, msgs.markAllRead)).toContain('disabled=""');
  });

  it("names the bell by its unread count", () => {
    const none = render(locale, h(LiveBell, { href: "/me/notifications", initialCount: 0, latestId: "0" }));
    expect(none.missing).toEqual([]);
    expect(none.html).toContain(`aria-label="${esc(msgs.bell.label)}"`);
    const some = render(locale, h(LiveBell, { href: "/me/notifications", initialCount: 3, latestId: "12", variant: "mobile" }));
    expect(some.html).toContain(`aria-label="${esc(msgs.bell.unread.replace("{count}", "3"))}"`);
    // The cached storefront pages show the bell with only the storefront's messages.
    const onStorefront = render(locale, h(LiveBell, { href: "/me/notifications", initialCount: 3, latestId: "12", variant: "mobile" }), pickMessages(messagesFor(locale), clientMessageScopes.store));
    expect(onStorefront.missing).toEqual([]);
    expect(onStorefront.html).toBe(some.html);
    expect(some.html).toContain('href="/me/notifications"');
    const button = render(locale, h(LiveNotificationsButton, { href: "/me/notifications", initialCount: 120, latestId: "1" }));
    expect(button.html).toContain("99+");
  });

  it("offers a labelled switch per kind, fixed on for those that must arrive", () => {
    const { html, missing } = render(
      locale,
      h(NotificationSettingsForm, {
        settings: [
          { kind: "ORDER_SHIPPED", mutable: true, muted: true },
          { kind: "BUYER_REFUND_SETTLED", mutable: true, muted: false },
          { kind: "EVIDENCE_REQUESTED", mutable: false, muted: false },
        ],
      }),
    );
    expect(missing).toEqual([]);
    expect(html).toContain(`for="notify-ORDER_SHIPPED"`);
    expect(html).toContain(msgs.kindLabels.ORDER_SHIPPED);
    expect(inputTag(html, "notify-ORDER_SHIPPED")).toContain('name="enabled[]"');
    expect(inputTag(html, "notify-ORDER_SHIPPED")).not.toContain("checked");
    expect(inputTag(html, "notify-BUYER_REFUND_SETTLED")).toContain('checked=""');
    expect(inputTag(html, "notify-EVIDENCE_REQUESTED")).toContain('disabled=""');
    expect(inputTag(html, "notify-EVIDENCE_REQUESTED")).toContain('checked=""');
    expect(inputTag(html, "notify-EVIDENCE_REQUESTED")).not.toContain("name=");
    expect(html).toContain(msgs.alwaysOn);
    expect(html).toContain(msgs.saveSettings);
  });
});
