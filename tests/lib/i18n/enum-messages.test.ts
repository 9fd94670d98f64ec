// Every code a user can see has words in both languages: each Prisma enum (walked from the
// generated client, so a new enum or value fails here until it is placed), the after-sale
// reasons, carriers and WeChat Pay trade types kept as strings, and the audit log's actions
// and kinds of record. A missing message would otherwise show the raw code ("NOT_RECEIVED",
// "JSAPI") on the page, since components fall back to the code.
import { describe, expect, it } from "vitest";
import * as enums from "@/lib/db/generated/enums";
import { locales } from "@/lib/i18n/config";
import { messagesFor } from "@/lib/i18n/messages";
import { CARRIERS } from "@/lib/orders/schemas";
import { AUDIT_ACTIONS, AUDIT_SUBJECT_TYPES } from "@/lib/protection/audit-actions";
import { AFTER_SALE_REASONS } from "@/lib/protection/constants";

type EnumName = keyof typeof enums;

/** Where each enum's values are put in words (message paths, one key per value under each). */
const SHOWN: Partial<Record<EnumName, string[]>> = {
  UserRole: ["orders.actor", "protection.actor", "protection.party", "auth.roles"],
  StoreStatus: ["onboarding.status"],
  StorePayBinding: ["funds.account.state"],
  ItemStatus: ["catalog.status", "shelves.itemStatus"],
  PostageMode: ["catalog.purchase.mode"],
  StockReason: ["catalog.stock.reason"],
  OrderStatus: ["orders.status", "orders.detail.banner"],
  RefundStatus: ["orders.seller.refundStatus", "protection.case.refundStatus"],
  AfterSaleType: ["protection.types"],
  AfterSaleStatus: ["protection.status", "protection.explain.BUYER", "protection.explain.SELLER", "protection.explain.ADMIN"],
  ComplaintStatus: ["protection.complaintStatus"],
  ComplaintOutcome: ["protection.outcome"],
  SettlementState: ["funds.admin.settlementState"],
  ReconKind: ["funds.recon.kind"],
  CouponKind: ["promotions.seller.kinds"],
};

/** Enums no page shows as such, and why. Moving one to SHOWN is how it gets checked. */
const NOT_SHOWN: Partial<Record<EnumName, string>> = {
  StoreMemberRole: "no page lists a store's members",
  PaymentStatus: "pages show the order's status, never the payment row's",
  ApiTokenKind: "the console lists merchant tokens only",
  CouponAudience: "the coupon form names its two options with its own labels",
  CouponStatus: "coupons (work in progress): classify when their pages show it",
  CouponClaimStatus: "coupons (work in progress): classify when their pages show it",
};

/** Codes kept as strings, not Prisma enums. */
const STRING_CODES: [string, readonly string[], string[]][] = [
  ["after-sale reasons", AFTER_SALE_REASONS, ["protection.reasons"]],
  ["carriers", CARRIERS, ["orders.carriers"]],
  ["WeChat Pay trade types", ["JSAPI", "H5", "NATIVE", "APP", "MWEB", "UNKNOWN"], ["orders.tradeTypes"]],
  ["audit actions", AUDIT_ACTIONS, ["protection.audit.actions"]],
  ["audit record kinds", AUDIT_SUBJECT_TYPES, ["protection.audit.subjects"]],
];

function at(messages: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), messages);
}

const enumValues = (name: EnumName) => Object.values(enums[name] as Record<string, string>);
const prismaEnums = (Object.keys(enums) as EnumName[]).filter((k) => typeof enums[k] === "object");

describe("every code a user sees has words in both languages", () => {
  it("places every Prisma enum: shown (with its messages) or not shown (with why)", () => {
    expect(prismaEnums.length).toBeGreaterThan(10);
    for (const name of prismaEnums) expect(SHOWN[name] || NOT_SHOWN[name], `${name}: add it to SHOWN (and its messages) or NOT_SHOWN`).toBeTruthy();
    for (const name of Object.keys(SHOWN) as EnumName[]) expect(NOT_SHOWN[name], `${name} is in both lists`).toBeUndefined();
  });

  it.each(locales)("has a message for every value of every shown enum (%s)", (locale) => {
    const messages = messagesFor(locale);
    const missing: string[] = [];
    for (const [name, paths] of Object.entries(SHOWN) as [EnumName, string[]][]) {
      for (const path of paths) for (const v of enumValues(name)) if (typeof at(messages, `${path}.${v}`) !== "string") missing.push(`${name}.${v} at ${path}`);
    }
    expect(missing).toEqual([]);
  });

  it.each(locales)("has a message for every string code (%s)", (locale) => {
    const messages = messagesFor(locale);
    const missing: string[] = [];
    for (const [what, codes, paths] of STRING_CODES) {
      for (const path of paths) for (const c of codes) if (typeof at(messages, `${path}.${c}`) !== "string") missing.push(`${what}: ${c} at ${path}`);
    }
    expect(missing).toEqual([]);
  });
});
