import { z } from "zod";

export const addressInput = z.object({
  recipient: z.string().trim().min(1, { error: "required" }).max(20, { error: "tooLong" }),
  phone: z.string().trim().regex(/^1[3-9]\d{9}$/, { error: "mobileFormat" }),
  province: z.string().trim().min(1, { error: "required" }).max(20, { error: "tooLong" }),
  city: z.string().trim().min(1, { error: "required" }).max(20, { error: "tooLong" }),
  district: z.string().trim().min(1, { error: "required" }).max(20, { error: "tooLong" }),
  detail: z.string().trim().min(2, { error: "tooShort" }).max(120, { error: "tooLong" }),
});
export type AddressInput = z.input<typeof addressInput>;

export const quantitySchema = z.coerce.number({ error: "quantityInvalid" }).int({ error: "quantityInvalid" }).min(1, { error: "quantityInvalid" }).max(999, { error: "quantityTooLarge" });

export const checkoutLine = z.object({ skuId: z.string().trim().min(1).max(64), quantity: quantitySchema });

/**
 * A line as the JSON APIs take it: the quantity a JSON integer, nothing coerced (with the form
 * schema's coercion "0x10" ordered 16 units and true or [1] counted as 1).
 */
export const jsonCheckoutLine = z.object({
  skuId: z.string().trim().min(1).max(64),
  quantity: z.number({ error: "quantityInvalid" }).int({ error: "quantityInvalid" }).min(1, { error: "quantityInvalid" }).max(999, { error: "quantityTooLarge" }),
});

export const checkoutInput = z
  .object({
    storeId: z.string().trim().min(1).max(64),
    lines: z.array(checkoutLine).min(1, { error: "cartEmpty" }).max(50, { error: "tooManyLines" }),
    addressId: z.string().trim().min(1).max(64).optional(),
    address: addressInput.optional(),
    note: z.string().trim().max(200, { error: "tooLong" }).optional(),
    /** The client's key for this checkout attempt: a retried submit creates one order. */
    idempotencyKey: z.string().trim().min(8, { error: "invalid" }).max(100, { error: "invalid" }),
    /** Remove the ordered SKUs from the buyer's cart. */
    fromCart: z.boolean().optional(),
    /** One of the buyer's coupons of this store (CouponClaim id); absent or null: none. */
    couponClaimId: z.string().trim().min(1).max(64).nullish(),
    /**
     * The total the buyer was shown. Never used as the price: the server prices the order
     * itself and, when its total differs from this one (a sale began, ended or ran out, a price
     * was edited), refuses with PRICE_CHANGED so the buyer sees the new total before ordering.
     */
    expectedTotalFen: z.coerce.number().int().min(0).max(2_147_483_647).optional(),
  })
  .refine((v) => !!v.addressId !== !!v.address, { error: "addressRequired", path: ["address"] });
export type CheckoutInput = z.input<typeof checkoutInput>;

export const CARRIERS = ["SF", "ZTO", "YTO", "STO", "YD", "JD", "EMS", "JT", "DBL"] as const;
export type Carrier = (typeof CARRIERS)[number];

export const shipInput = z.object({
  carrier: z.enum(CARRIERS, { error: "carrierRequired" }),
  trackingNo: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{8,30}$/, { error: "trackingFormat" }),
});
