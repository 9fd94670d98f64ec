// The merchant Open API's promotions: store coupons (优惠券) and flash sales (限时抢购), as
// JSON with amounts in fen. The rules are the domain's (lib/promotions/schemas.ts); these
// describe the wire shapes for the OpenAPI document.
import { z } from "zod";

const id = z.string().min(1).max(64);
const fen = (description: string) => z.number().int().min(1).max(10_000_000).meta({ description });
const instant = (description: string) => z.iso.datetime({ offset: true, error: "invalid" }).meta({ description });

export const couponParams = z.object({ couponId: id });
export const flashSaleParams = z.object({ flashSaleId: id });

export const couponBody = z.object({
  name: z.string().min(1).max(30),
  kind: z.enum(["THRESHOLD", "PERCENT", "AMOUNT"]).meta({ description: "THRESHOLD 满减 (spend thresholdFen, save amountOffFen), PERCENT 折扣 (percentOff off, at most capFen), AMOUNT 立减." }),
  amountOffFen: fen("THRESHOLD and AMOUNT: what it takes off.").optional(),
  thresholdFen: fen("THRESHOLD: the spend it needs (above amountOffFen); PERCENT: an optional minimum spend.").optional(),
  percentOff: z.number().int().min(1).max(99).optional().meta({ description: "PERCENT: 1–99 (15 = 15% off, 8.5折)." }),
  capFen: fen("PERCENT: the most it takes off.").optional(),
  productIds: z.array(id).max(100).optional().meta({ description: "The products it covers; absent or empty: the whole store." }),
  coversPostage: z.boolean().optional().meta({ description: "The postage is discounted too (default false)." }),
  startsAt: instant("Claimable from (ISO 8601)."),
  endsAt: instant("Claimable until (exclusive); usable until then too unless validDays is set."),
  validDays: z.number().int().min(1).max(365).optional().meta({ description: "Usable for this many days after claiming." }),
  totalQuantity: z.number().int().min(1).max(1_000_000),
  perBuyerLimit: z.number().int().min(1).max(100).optional().meta({ description: "Default 1." }),
  audience: z.enum(["PUBLIC", "TARGETED"]).optional().meta({ description: "PUBLIC: claimed from the store's pages (default); TARGETED: issued by the seller." }),
});

export const stopCouponBody = z.object({ voidClaimed: z.boolean().optional().meta({ description: "Also void the copies claimed and not used." }) });

export const couponSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["THRESHOLD", "PERCENT", "AMOUNT"]),
  amountOffFen: z.number().int().nullable(),
  thresholdFen: z.number().int(),
  percentOff: z.number().int().nullable(),
  capFen: z.number().int().nullable(),
  productIds: z.array(z.string()),
  coversPostage: z.boolean(),
  startsAt: z.string(),
  endsAt: z.string(),
  validDays: z.number().int().nullable(),
  totalQuantity: z.number().int(),
  remaining: z.number().int(),
  perBuyerLimit: z.number().int(),
  audience: z.enum(["PUBLIC", "TARGETED"]),
  status: z.enum(["ACTIVE", "STOPPED"]),
  phase: z.enum(["SCHEDULED", "RUNNING", "CLAIMED_OUT", "ENDED", "STOPPED"]),
  claimed: z.number().int(),
  used: z.number().int(),
});

export const couponClaimSchema = z.object({
  id: z.string(),
  buyerId: z.string().meta({ description: "The buyer's id in this platform (not a WeChat openid)." }),
  status: z.enum(["AVAILABLE", "LOCKED", "USED", "VOID"]),
  source: z.string().meta({ description: "CLAIMED or ISSUED." }),
  claimedAt: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  usedAt: z.string().nullable(),
  orderId: z.string().nullable(),
});

export const flashSaleBody = z.object({
  name: z.string().min(1).max(30),
  startsAt: instant("When it starts (a moment up to 10 minutes past means now)."),
  endsAt: instant("When it ends (exclusive; at most 31 days after the start)."),
  percentOff: z.number().int().min(1).max(99).optional().meta({ description: "Every SKU at this percent off its own price (rounded to the fen); absent: each SKU's priceFen." }),
  perBuyerLimit: z.number().int().min(1).max(999).optional().meta({ description: "Most units one buyer may buy at the sale's prices." }),
  skus: z
    .array(z.object({ skuId: id, priceFen: fen("The sale price, below the SKU's own (without percentOff).").optional(), quantity: z.number().int().min(1).max(1_000_000).optional().meta({ description: "Units at the sale price; absent: all the stock." }) }))
    .min(1)
    .max(100),
});

export const flashSaleSchema = z.object({
  id: z.string(),
  name: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  stoppedAt: z.string().nullable(),
  phase: z.enum(["SCHEDULED", "RUNNING", "ENDED", "STOPPED"]),
  percentOff: z.number().int().nullable(),
  perBuyerLimit: z.number().int().nullable(),
  skus: z.array(z.object({ skuId: z.string(), productId: z.string(), priceFen: z.number().int(), listPriceFen: z.number().int(), quantity: z.number().int().nullable(), sold: z.number().int() })),
  paidUnits: z.number().int(),
  paidFen: z.number().int(),
  discountFen: z.number().int().meta({ description: "What the sale took off paid orders." }),
});
