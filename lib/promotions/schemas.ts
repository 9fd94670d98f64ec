// What a seller submits for a coupon, and the rules it must follow. Shared by the domain
// (lib/promotions/coupons.ts), the server actions and the Open API. Amounts arrive as yuan
// text from forms ("12.50") or as fen from JSON; error messages are keys, translated in
// lib/i18n/messages/*/fields-promotions.json.
import { z } from "zod";
import { parseYuan } from "@/lib/money";

export const COUPON_LIMITS = {
  name: 30,
  /** ¥100,000.00: the most one coupon may take off or ask to be spent. */
  maxFen: 10_000_000,
  maxQuantity: 1_000_000,
  maxPerBuyer: 100,
  maxValidDays: 365,
  /** How far ahead a coupon may end. */
  maxSpanDays: 366,
  maxItems: 100,
} as const;

/** Yuan text ("12.5") or whole fen: either way, whole fen out. */
const money = (error: string) =>
  z.union([z.number(), z.string()], { error }).transform((v, ctx) => {
    const fen = typeof v === "number" ? v : v.trim() === "" ? Number.NaN : (parseYuan(v) ?? Number.NaN);
    if (!Number.isSafeInteger(fen) || fen <= 0) {
      ctx.addIssue({ code: "custom", message: error });
      return z.NEVER;
    }
    if (fen > COUPON_LIMITS.maxFen) {
      ctx.addIssue({ code: "custom", message: "couponAmountTooHigh" });
      return z.NEVER;
    }
    return fen;
  });

const whole = (error: string, min: number, max: number) => z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });

/** "2026-12-08T10:00" from a datetime-local input, read as Beijing time; or an ISO instant. */
const instant = (error: string) =>
  z.union([z.string(), z.date()], { error }).transform((v, ctx) => {
    if (v instanceof Date) return v;
    const s = v.trim();
    const d = new Date(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(s) ? `${s}${s.length === 16 ? ":00" : ""}+08:00` : s);
    if (!s || Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: error });
      return z.NEVER;
    }
    return d;
  });

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

export const couponInput = z
  .object({
    name: z.string({ error: "couponNameRequired" }).trim().min(1, { error: "couponNameRequired" }).max(COUPON_LIMITS.name, { error: "tooLong" }),
    kind: z.enum(["THRESHOLD", "PERCENT", "AMOUNT"], { error: "couponKindInvalid" }),
    amountOff: optional(money("couponAmountInvalid")),
    threshold: optional(money("couponThresholdInvalid")),
    percentOff: optional(whole("couponPercentInvalid", 1, 99)),
    cap: optional(money("couponCapInvalid")),
    /** Empty or absent: the whole store. */
    itemIds: z.array(z.string().trim().min(1).max(64), { error: "invalid" }).max(COUPON_LIMITS.maxItems, { error: "couponTooManyItems" }).default([]),
    scope: z.enum(["STORE", "ITEMS"], { error: "invalid" }).default("STORE"),
    coversPostage: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()).default(false),
    startsAt: instant("couponStartInvalid"),
    endsAt: instant("couponEndInvalid"),
    /** Usable for this many days after claiming; absent: within startsAt–endsAt. */
    validDays: optional(whole("couponValidDaysInvalid", 1, COUPON_LIMITS.maxValidDays)),
    totalQuantity: whole("couponQuantityInvalid", 1, COUPON_LIMITS.maxQuantity),
    perBuyerLimit: whole("couponPerBuyerInvalid", 1, COUPON_LIMITS.maxPerBuyer).default(1),
    audience: z.enum(["PUBLIC", "TARGETED"], { error: "invalid" }).default("PUBLIC"),
  })
  .superRefine((c, ctx) => {
    const at = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (c.kind === "THRESHOLD") {
      if (c.amountOff == null) at("amountOff", "couponAmountInvalid");
      if (c.threshold == null) at("threshold", "couponThresholdInvalid");
      // 满100减100 would be free: the threshold must be above what it takes off.
      else if (c.amountOff != null && c.threshold <= c.amountOff) at("threshold", "couponThresholdBelowAmount");
    }
    if (c.kind === "AMOUNT" && c.amountOff == null) at("amountOff", "couponAmountInvalid");
    if (c.kind === "PERCENT" && c.percentOff == null) at("percentOff", "couponPercentInvalid");
    if (c.endsAt.getTime() <= c.startsAt.getTime()) at("endsAt", "couponEndBeforeStart");
    else if (c.endsAt.getTime() - c.startsAt.getTime() > COUPON_LIMITS.maxSpanDays * 86_400_000) at("endsAt", "couponTooLong");
    if (c.scope === "ITEMS" && c.itemIds.length === 0) at("itemIds", "couponItemsRequired");
  })
  .transform((c) => ({
    name: c.name,
    kind: c.kind,
    amountOffFen: c.kind === "PERCENT" ? null : (c.amountOff ?? null),
    thresholdFen: c.kind === "THRESHOLD" ? (c.threshold ?? 0) : c.kind === "PERCENT" ? (c.threshold ?? 0) : 0,
    percentOff: c.kind === "PERCENT" ? (c.percentOff ?? null) : null,
    capFen: c.kind === "PERCENT" ? (c.cap ?? null) : null,
    itemIds: c.scope === "ITEMS" ? [...new Set(c.itemIds)] : [],
    coversPostage: c.coversPostage,
    startsAt: c.startsAt,
    endsAt: c.endsAt,
    validDays: c.validDays ?? null,
    totalQuantity: c.totalQuantity,
    perBuyerLimit: c.perBuyerLimit,
    audience: c.audience,
  }));
export type CouponInput = z.input<typeof couponInput>;
export type CouponData = z.output<typeof couponInput>;

export const stopCouponInput = z.object({
  couponId: z.string().trim().min(1).max(64),
  /** Also void the copies buyers have claimed and not used. */
  voidClaimed: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()).default(false),
});

// ───────────────────────────── Flash sales (限时抢购) ─────────────────────────────

export const FLASH_SALE_LIMITS = {
  name: 30,
  /** How long one sale may run. */
  maxSpanDays: 31,
  /** How far ahead a sale may be scheduled. */
  maxLeadDays: 90,
  /** How far in the past a start may be given (a form submitted a little late starts now). */
  startGraceMs: 10 * 60_000,
  maxSkus: 100,
  maxQuantity: 1_000_000,
  maxPerBuyer: 999,
} as const;

const saleSku = z.object({
  skuId: z.string({ error: "invalid" }).trim().min(1, { error: "invalid" }).max(64, { error: "invalid" }),
  /** The sale price (PRICE mode): yuan text or whole fen. */
  price: optional(money("salePriceInvalid")),
  /** Units at the sale price; absent: as many as there is stock. */
  quantity: optional(whole("saleQuantityInvalid", 1, FLASH_SALE_LIMITS.maxQuantity)),
});

/**
 * A seller's flash sale: SKUs at a lower price (each its own, or all at a percent off) from a
 * start to an end. That each price is below the SKU's own, and that no SKU is in two sales at
 * once, the domain checks against the catalogue (lib/promotions/flash-sales.ts).
 */
export const flashSaleInput = z
  .object({
    name: z.string({ error: "saleNameRequired" }).trim().min(1, { error: "saleNameRequired" }).max(FLASH_SALE_LIMITS.name, { error: "tooLong" }),
    startsAt: instant("saleStartInvalid"),
    endsAt: instant("saleEndInvalid"),
    mode: z.enum(["PRICE", "PERCENT"], { error: "invalid" }).default("PRICE"),
    percentOff: optional(whole("salePercentInvalid", 1, 99)),
    perBuyerLimit: optional(whole("salePerBuyerInvalid", 1, FLASH_SALE_LIMITS.maxPerBuyer)),
    skus: z.array(saleSku, { error: "saleSkusRequired" }).min(1, { error: "saleSkusRequired" }).max(FLASH_SALE_LIMITS.maxSkus, { error: "saleTooManySkus" }),
  })
  .superRefine((s, ctx) => {
    const at = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    if (s.endsAt.getTime() <= s.startsAt.getTime()) at(["endsAt"], "saleEndBeforeStart");
    else if (s.endsAt.getTime() - s.startsAt.getTime() > FLASH_SALE_LIMITS.maxSpanDays * 86_400_000) at(["endsAt"], "saleTooLong");
    if (s.mode === "PERCENT" && s.percentOff == null) at(["percentOff"], "salePercentInvalid");
    if (s.mode === "PRICE") s.skus.forEach((k, i) => k.price == null && at(["skus", i, "price"], "salePriceInvalid"));
    const seen = new Set<string>();
    s.skus.forEach((k, i) => (seen.has(k.skuId) ? at(["skus", i, "skuId"], "saleSkuTwice") : seen.add(k.skuId)));
  })
  .transform((s) => ({
    name: s.name,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    percentOff: s.mode === "PERCENT" ? (s.percentOff ?? null) : null,
    perBuyerLimit: s.perBuyerLimit ?? null,
    skus: s.skus.map((k) => ({ skuId: k.skuId, priceFen: s.mode === "PRICE" ? (k.price ?? null) : null, quantity: k.quantity ?? null })),
  }));
export type FlashSaleInput = z.input<typeof flashSaleInput>;
export type FlashSaleData = z.output<typeof flashSaleInput>;

/** A SKU's price at `percentOff` percent off: rounded to the fen, never below 1 fen. */
export function percentOffPrice(priceFen: number, percentOff: number): number {
  return Math.max(1, Math.round((priceFen * (100 - percentOff)) / 100));
}
