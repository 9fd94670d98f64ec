// Messages and values: every kind has a label and a message in both languages that renders
// with the params its emitters send (and still renders when one is missing); list merging;
// the low-stock crossing rule.
import fc from "fast-check";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { locales } from "@/lib/i18n/config";
import { messagesFor } from "@/lib/i18n/messages";
import { compareIds, messageValues, mergeNotifications, type NotificationItem } from "@/lib/notifications/format";
import { isLowStockCrossing, kindsForRole, LOW_STOCK_THRESHOLD, mutableKindsForRole, NOTIFICATION_KINDS, type NotificationKind } from "@/lib/notifications/kinds";

const kinds = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];

function translator(locale: (typeof locales)[number]) {
  return createTranslator({
    locale,
    messages: messagesFor(locale) as never,
    namespace: "notifications" as never,
    onError: (e) => {
      throw e;
    },
  }) as unknown as { (key: string, values?: Record<string, string | number>): string; has(key: string): boolean };
}

// What an emitter typically sends for each declared param.
const sample: Record<string, string | number> = {
  orderNo: "202611240001234567",
  amountFen: 12_50,
  hours: 24,
  caseNo: "AS2026112400001",
  complaintCaseNo: "CP2026112400001",
  itemTitle: "明前龙井",
  spec: "250g / 罐装",
  stock: 5,
  storeName: "青山茶铺",
  outcome: "REJECTED",
  reason: "资料不全",
  carrier: "SF",
  trackingNo: "SF1234567890",
  resubmitted: "yes",
  event: "SELLER_OFFER",
  dueAt: "2026-11-30T08:00:00.000Z",
  saleName: "双十二抢购",
  paidUnits: 42,
  couponName: "满100减20",
  claimed: 37,
  used: 12,
  totalQuantity: 500,
};

describe("notification messages", () => {
  it.each(locales)("has a label and a message for every kind in %s, rendering its params", (locale) => {
    const t = translator(locale);
    for (const kind of kinds) {
      expect(t.has(`kindLabels.${kind}`), `${locale} kindLabels.${kind}`).toBe(true);
      // A failed refund names its case when it has one, else its order and store.
      const omit = kind === "ADMIN_REFUND_ABNORMAL" ? ["caseNo"] : [];
      const params = Object.fromEntries(NOTIFICATION_KINDS[kind].params.filter((p) => !omit.includes(p)).map((p) => [p, sample[p]]));
      const text = t(`kinds.${kind}`, messageValues(kind, params, { dateTime: (d) => d.toISOString().slice(0, 10) }));
      for (const p of Object.keys(params)) {
        const shown = p === "amountFen" ? "¥12.50" : p === "dueAt" ? "2026-11-30" : p === "outcome" || p === "event" || p === "resubmitted" ? null : String(sample[p]);
        if (shown) expect(text, `${locale} ${kind} shows ${p}`).toContain(shown);
      }
      expect(text).not.toMatch(/[{}]/);
    }
    const forCase = t("kinds.ADMIN_REFUND_ABNORMAL", messageValues("ADMIN_REFUND_ABNORMAL", { caseNo: "AS1", amountFen: 100 }));
    expect(forCase).toContain("AS1");
    expect(forCase).toContain("¥1.00");
  });

  it.each(locales)("still renders every kind in %s when the emitter left params out", (locale) => {
    const t = translator(locale);
    for (const kind of kinds) expect(() => t(`kinds.${kind}`, messageValues(kind, {}))).not.toThrow();
  });

  it("offers money, dates, carrier names and a reference alongside the raw params", () => {
    const v = messageValues("ORDER_SHIPPED", { orderNo: "1", carrier: "SF", amountFen: 123_456, dueAt: "2026-01-02T03:04:05.000Z" }, { carrierName: (c) => (c === "SF" ? "顺丰速运" : undefined), dateTime: () => "1月2日" });
    expect(v).toMatchObject({ orderNo: "1", carrier: "顺丰速运", amountFen: 123_456, amount: "¥1,234.56", dueAt: "1月2日", ref: "1", storeName: "", trackingNo: "" });
    expect(messageValues("ADMIN_REFUND_ABNORMAL", { caseNo: "AS1", orderNo: "2" }).ref).toBe("AS1");
  });

  it("gives each role its own kinds, and lets it mute only the mutable ones", () => {
    expect(kindsForRole("SELLER")).toContain("ORDER_PAID");
    expect(kindsForRole("SELLER")).not.toContain("ORDER_SHIPPED");
    expect(kindsForRole("BUYER")).toEqual(["ORDER_SHIPPED", "BUYER_REFUND_SETTLED", "CASE_UPDATED", "EVIDENCE_REQUESTED"]);
    expect(mutableKindsForRole("ADMIN")).toEqual(["ADMIN_NEW_COMPLAINT", "ADMIN_NEW_APPLICATION"]);
    expect(new Set([...kindsForRole("BUYER"), ...kindsForRole("SELLER"), ...kindsForRole("ADMIN")]).size).toBe(kinds.length);
  });
});

describe("merging live items into a list", () => {
  const item = (id: number): NotificationItem => ({ id: String(id), kind: "ORDER_PAID", params: {}, link: "/", readAt: null, createdAt: "" });

  it("keeps every id once, newest (numerically largest) first", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 1, max: 10 ** 12 }), { maxLength: 20 }), { maxLength: 4 }), (lists) => {
        const merged = mergeNotifications(...lists.map((l) => l.map(item))).map((n) => Number(n.id));
        const expected = [...new Set(lists.flat())].sort((a, b) => b - a);
        expect(merged).toEqual(expected);
      }),
    );
  });

  it("compares ids as numbers, not strings", () => {
    expect(compareIds("9", "10")).toBeLessThan(0);
    expect(compareIds("100", "100")).toBe(0);
    expect(compareIds("9223372036854775807", "9223372036854775806")).toBeGreaterThan(0);
  });
});

describe("the low-stock crossing", () => {
  it("fires exactly once each time stock goes from above the threshold to at or below it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.array(fc.integer({ min: -10, max: 10 }), { maxLength: 60 }), (start, deltas) => {
        let level = start;
        let fired = 0;
        let expected = 0;
        let low = start <= LOW_STOCK_THRESHOLD;
        for (const d of deltas) {
          const next = Math.max(0, level + d);
          if (next === level) continue;
          if (isLowStockCrossing(level, next)) fired++;
          // Independent model: count entries into the low state.
          const nowLow = next <= LOW_STOCK_THRESHOLD;
          if (nowLow && !low) expected++;
          low = nowLow;
          level = next;
        }
        expect(fired).toBe(expected);
      }),
    );
  });
});
