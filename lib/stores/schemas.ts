import { z } from "zod";

/** Paths under the site root a store slug must not shadow or be confused with. */
export const RESERVED_SLUGS = new Set([
  "admin", "api", "app", "s", "seller", "sandbox", "signin", "signup", "signout", "media", "static", "store", "stores",
  "wechat", "weixin", "help", "support", "about", "login", "logout", "settings", "www", "official", "littlestore",
]);

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, { error: "slugLength" })
  .max(40, { error: "slugLength" })
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, { error: "slugFormat" })
  .refine((s) => !s.includes("--"), { error: "slugFormat" })
  .refine((s) => !RESERVED_SLUGS.has(s), { error: "slugReserved" });

const required = (max: number, min = 1) => z.string().trim().min(min, { error: min > 1 ? "tooShort" : "required" }).max(max, { error: "tooLong" });

export const storeApplicationInput = z.object({
  name: required(30),
  slug: slugSchema,
  logoImageId: z.string().trim().min(1, { error: "logoRequired" }),
  description: z.string().trim().max(500, { error: "tooLong" }).default(""),
  businessName: required(100, 2),
  // An official account's original ID (gh_ + 12 hex) or its WeChat ID.
  officialAccountId: z
    .string()
    .trim()
    .regex(/^(gh_[0-9a-f]{12}|[a-zA-Z][-_a-zA-Z0-9]{5,19})$/, { error: "officialAccountFormat" }),
  // WeChat Pay merchant IDs are 8–10 digits.
  mchId: z.string().trim().regex(/^\d{8,10}$/, { error: "mchIdFormat" }),
  // Mainland mobile or landline (area code, optional dash).
  contactPhone: z
    .string()
    .trim()
    .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, { error: "phoneFormat" }),
});
export type StoreApplicationInput = z.input<typeof storeApplicationInput>;

/** Left out: unchanged; blank: cleared (see updateStoreProfile); otherwise trimmed text. */
const optionalText = (max: number) => z.string().trim().max(max, { error: "tooLong" }).optional();

/**
 * What an approved store may change about itself (slug and merchant identity are reviewed, so
 * fixed), and where buyers send returns (all three parts, or none: shown to a buyer when a
 * return is accepted).
 */
export const storeProfileInput = storeApplicationInput
  .pick({ name: true, logoImageId: true, description: true, contactPhone: true })
  .extend({
    returnRecipient: optionalText(20),
    returnPhone: optionalText(20).refine((v) => !v || /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(v), { error: "phoneFormat" }),
    returnAddress: optionalText(200),
  })
  .superRefine((v, ctx) => {
    const parts = [v.returnRecipient, v.returnPhone, v.returnAddress];
    if (parts.every((p) => p === undefined)) return;
    if (parts.some((p) => p) && parts.some((p) => !p)) {
      for (const k of ["returnRecipient", "returnPhone", "returnAddress"] as const) {
        if (!v[k]) ctx.issues.push({ code: "custom", message: "returnAddressIncomplete", path: [k], input: v[k] });
      }
    }
  });
export type StoreProfileInput = z.input<typeof storeProfileInput>;

export const reasonInput = z.string().trim().min(2, { error: "reasonRequired" }).max(500, { error: "tooLong" });
