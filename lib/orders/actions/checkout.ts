"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineFormAction } from "@/lib/actions/define";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { saveAddress } from "@/lib/orders/addresses";
import { placeOrder } from "@/lib/orders/checkout";
import { addressInput, quantitySchema } from "@/lib/orders/schemas";
import { findSameAddress } from "@/lib/orders/views";

const ADDRESS_FIELDS = ["recipient", "phone", "province", "city", "district", "detail"] as const;

// The checkout form: the lines as parallel arrays (lineSku[] / lineQty[]), a saved address id
// or "new" with the address typed in, a note, and the idempotency key the page was rendered with.
const checkoutForm = z
  .object({
    storeId: z.string().trim().min(1).max(64),
    lineSku: z.array(z.string().trim().min(1).max(64), { error: "cartEmpty" }).min(1, { error: "cartEmpty" }).max(50, { error: "tooManyLines" }),
    lineQty: z.array(quantitySchema, { error: "cartEmpty" }),
    fromCart: z.literal("1").optional(),
    addressId: z.string({ error: "addressRequired" }).trim().min(1, { error: "addressRequired" }).max(64),
    recipient: z.string().optional(),
    phone: z.string().optional(),
    province: z.string().optional(),
    city: z.string().optional(),
    district: z.string().optional(),
    detail: z.string().optional(),
    saveAddress: z.literal("on").optional(),
    note: z.string().trim().max(200, { error: "tooLong" }).optional(),
    idempotencyKey: z.string().trim().min(8, { error: "invalid" }).max(100, { error: "invalid" }),
    /** The coupon chosen; empty: none. */
    couponClaimId: z.string().trim().max(64).optional(),
    /** The total the page showed (checkout refuses with PRICE_CHANGED if its own differs). */
    expectedTotalFen: z.coerce.number().int().min(0).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.lineSku.length !== v.lineQty.length) ctx.addIssue({ code: "custom", message: "invalid", path: ["_form"] });
    if (v.addressId === "new") {
      const r = addressInput.safeParse(v);
      if (!r.success) for (const issue of r.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
    }
  });

/**
 * Places the order and goes on to paying. A retried submit (same key) lands on the same
 * order; a new address is added to the buyer's address book once the order exists.
 */
export const placeOrderAction = defineFormAction({ input: checkoutForm, auth: ["BUYER"] }, async (v, { actor }) => {
  const lines = v.lineSku.map((skuId, i) => ({ skuId, quantity: v.lineQty[i] }));
  const typed = v.addressId === "new" ? addressInput.parse(Object.fromEntries(ADDRESS_FIELDS.map((k) => [k, v[k] ?? ""]))) : null;
  let order;
  try {
    order = await placeOrder(actor, {
      storeId: v.storeId,
      lines,
      ...(typed ? { address: typed } : { addressId: v.addressId }),
      note: v.note || undefined,
      idempotencyKey: v.idempotencyKey,
      fromCart: v.fromCart === "1",
      couponClaimId: v.couponClaimId || null,
      expectedTotalFen: v.expectedTotalFen,
    });
  } catch (e) {
    // The same key with different contents: the first submit went through (its answer was lost).
    if (e instanceof AppError && e.code === "IDEMPOTENCY_MISMATCH") throw new AppError("IDEMPOTENCY_MISMATCH", e.message, { details: { messageKey: "checkoutAlreadyPlaced" } });
    throw e;
  }
  if (typed && v.saveAddress === "on" && !order.replayed) {
    // A convenience after the fact: the order stands even if the address book is full.
    try {
      if (!(await findSameAddress(actor, typed))) await saveAddress(actor, typed);
    } catch (e) {
      log.warn("saving the checkout address failed", { error: e });
    }
  }
  redirect(`/orders/${order.id}/pay`);
});
