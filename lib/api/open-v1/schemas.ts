// The Open API's request and response shapes, described once with zod: the router validates
// requests with them and the OpenAPI document is generated from them. Request fields reuse
// the catalogue's and shelves' own schemas, so the rules (and the message codes in
// `error.fieldErrors`) are exactly the dashboard's.
import { z } from "zod";
import { ITEM_LIMITS, itemFields, skuRow, specDimension } from "@/lib/catalog/schemas";
import { ORDER_STATUSES } from "@/lib/orders/queries";
import { CARRIERS } from "@/lib/orders/schemas";
import { GROUP_LIMITS, groupNameInput, shelfInput } from "@/lib/shelves/schemas";

const AFTER_SALE_STATUSES = [
  "AWAITING_SELLER",
  "OFFER_PENDING",
  "AWAITING_RETURN",
  "RETURN_SHIPPED",
  "REFUNDING",
  "REFUNDED",
  "REFUND_FAILED",
  "REJECTED",
  "ESCALATED",
  "WITHDRAWN",
  "CLOSED",
] as const;
export { AFTER_SALE_STATUSES };

const id = (what: string) => z.string().trim().min(1, { error: "required" }).max(64, { error: "invalid" }).meta({ description: what });
const fen = (description: string) => z.number().int().meta({ description: `${description} In fen (1/100 yuan).` });
const time = (description: string) => z.string().meta({ format: "date-time", description: `${description} ISO 8601 (UTC).` });
const nullableTime = (description: string) => z.string().nullable().meta({ format: "date-time", description: `${description} ISO 8601 (UTC); null if not yet.` });
const imageUrl = z.string().meta({ description: "A 640-pixel-wide WebP rendition of the image." });

// ───────────── Paging and time ranges ─────────────

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(10_000).default(1).meta({ description: "Page number, from 1." }),
  pageSize: z.coerce.number().int().min(1).max(100).default(20).meta({ description: "Rows per page, 1–100 (default 20)." }),
};

export const createdRange = {
  createdFrom: z.iso
    .datetime({ offset: true, error: "invalid" })
    .optional()
    .meta({ description: "Only those created at or after this instant (ISO 8601 with Z or an offset, e.g. 2025-03-01T00:00:00+08:00)." }),
  createdTo: z.iso.datetime({ offset: true, error: "invalid" }).optional().meta({ description: "Only those created before this instant (exclusive)." }),
};

const paging = { page: z.number().int(), pageSize: z.number().int(), total: z.number().int().meta({ description: "Rows matching, over all pages." }), hasMore: z.boolean() };

// ───────────── Store and categories ─────────────

export const storeSchema = z
  .object({
    id: z.string(),
    slug: z.string().meta({ description: "The storefront lives at /s/{slug}." }),
    name: z.string(),
    status: z.enum(["APPROVED", "SUSPENDED"]).meta({ description: "A suspended store can tidy its catalogue but sells nothing." }),
    token: z.object({ id: z.string(), name: z.string(), prefix: z.string(), expiresAt: z.string().nullable().meta({ format: "date-time" }) }),
    rateLimit: z.object({ perMinute: z.number().int() }),
  })
  .meta({ id: "Store" });

export const categorySchema = z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() }).meta({ id: "Category" });

// ───────────── Images ─────────────

export const imageSchema = z.object({ id: z.string(), width: z.number().int(), height: z.number().int(), url: imageUrl }).meta({ id: "Image" });

// ───────────── Products ─────────────

const skuInput = z.object({
  specKey: skuRow.shape.specKey.meta({
    description: 'The SKU\'s combination in WeChat\'s sku_id form "dimension:value;dimension:value" in the order of `specs` (e.g. "颜色:红;尺码:M"); "" for a product without specs.',
  }),
  priceFen: skuRow.shape.priceFen.meta({ description: "Price in fen (1–100000000)." }),
  originalPriceFen: skuRow.shape.originalPriceFen.meta({ description: "Crossed-out original price in fen; not below the price." }),
  stock: skuRow.shape.stock.meta({ description: "Initial stock, used only when this row creates a new SKU (later: POST /stock/add and /stock/reduce)." }),
  code: skuRow.shape.code.meta({ description: "Your own product code for the SKU (unique within the product, up to 40 characters)." }),
});

const productFields = {
  title: itemFields.shape.title.meta({ description: `Up to ${ITEM_LIMITS.title} characters.` }),
  description: itemFields.shape.description.meta({
    description: `Detail blocks in order (up to ${ITEM_LIMITS.descriptionBlocks}): {"type":"text","text":…} or {"type":"image","imageId":…}.`,
  }),
  categoryId: itemFields.shape.categoryId.meta({ description: "A category id from GET /categories." }),
  mainImageId: itemFields.shape.mainImageId.meta({ description: "An image id from POST /images. Required to put the product on sale." }),
  galleryImageIds: itemFields.shape.galleryImageIds.meta({ description: `Further images after the main one, in order (up to ${ITEM_LIMITS.gallery}).` }),
  specs: z
    .array(specDimension.extend({ name: specDimension.shape.name.meta({ description: "e.g. 颜色" }), values: specDimension.shape.values.meta({ description: 'e.g. ["红","蓝"]' }) }), { error: "invalid" })
    .default([])
    .meta({ description: "SKU dimensions (up to 3, at most 500 combinations). Names and values may not contain : or ;." }),
  skus: z.array(skuInput, { error: "invalid" }).meta({
    description: "Exactly one row per combination of the specs' values. On update, a combination that stays keeps its SKU id and stock; one that leaves is deactivated.",
  }),
  buyLimit: itemFields.shape.buyLimit.meta({ description: "Most units one buyer may buy (1–9999); null for no limit." }),
  postageMode: itemFields.shape.postageMode.meta({ description: "FREE (you pay), FLAT (one fee per order) or PER_ITEM (first unit + each additional unit)." }),
  postageFen: itemFields.shape.postageFen.meta({ description: "FLAT: the fee; PER_ITEM: the first unit's fee. In fen." }),
  postageExtraFen: itemFields.shape.postageExtraFen.meta({ description: "PER_ITEM: each additional unit's fee. In fen." }),
};

const putOnSale = z.boolean().optional().meta({ description: "Also put it on sale, in the same transaction (needs a main image and an approved store)." });

export const createProductBody = z.object({ ...productFields, putOnSale }).meta({
  examples: [
    {
      title: "明前龙井 250g",
      categoryId: "food",
      mainImageId: "img_1",
      specs: [{ name: "规格", values: ["250g", "500g"] }],
      skus: [
        { specKey: "规格:250g", priceFen: 12800, stock: 50 },
        { specKey: "规格:500g", priceFen: 23800, originalPriceFen: 26800, stock: 20, code: "LJ-500" },
      ],
      postageMode: "FLAT",
      postageFen: 800,
      putOnSale: true,
    },
  ],
});

export const updateProductBody = z.object({
  ...productFields,
  version: z.number({ error: "invalid" }).int({ error: "invalid" }).meta({
    description: "The product's `version` you last read. If it changed since, nothing is saved and the answer is 409 STALE: read it again and reapply.",
  }),
  putOnSale,
});

const descriptionBlockOut = z.union([
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.literal("image"), imageId: z.string(), url: imageUrl }),
]);

export const productSkuSchema = z
  .object({
    id: z.string(),
    specKey: z.string().meta({ description: 'WeChat sku_id form "颜色:红;尺码:M"; "" without specs.' }),
    priceFen: fen("Price."),
    originalPriceFen: z.number().int().nullable(),
    stock: z.number().int().meta({ description: "Units available now (reserved by unpaid orders are already taken out)." }),
    code: z.string().nullable(),
    active: z.boolean().meta({ description: "False once its combination left the specs (kept for order history)." }),
  })
  .meta({ id: "ProductSku" });

export const PRODUCT_STATUSES = ["DRAFT", "ON_SALE", "OFF_SALE"] as const;

export const productSchema = z
  .object({
    id: z.string(),
    status: z.enum(PRODUCT_STATUSES),
    title: z.string(),
    description: z.array(descriptionBlockOut),
    categoryId: z.string(),
    mainImageId: z.string().nullable(),
    mainImageUrl: z.string().nullable(),
    galleryImageIds: z.array(z.string()),
    specs: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
    skus: z.array(productSkuSchema).meta({ description: "Active SKUs in matrix order, then retired ones." }),
    priceMinFen: fen("Lowest active SKU price."),
    priceMaxFen: fen("Highest active SKU price."),
    buyLimit: z.number().int().nullable(),
    postageMode: z.enum(["FREE", "FLAT", "PER_ITEM"]),
    postageFen: z.number().int(),
    postageExtraFen: z.number().int(),
    version: z.number().int().meta({ description: "Send it back with PUT /products/{productId}." }),
    onSaleAt: nullableTime("Last put on sale."),
    updatedAt: time("Last change."),
  })
  .meta({ id: "Product" });

export const productSummarySchema = z
  .object({
    id: z.string(),
    status: z.enum(PRODUCT_STATUSES),
    title: z.string(),
    mainImageId: z.string().nullable(),
    mainImageUrl: z.string().nullable(),
    priceMinFen: z.number().int(),
    priceMaxFen: z.number().int(),
    stock: z.number().int().meta({ description: "Sum over the active SKUs." }),
    skuCount: z.number().int().meta({ description: "Active SKUs." }),
    onSaleAt: z.string().nullable().meta({ format: "date-time" }),
    updatedAt: time("Last change."),
  })
  .meta({ id: "ProductSummary" });

export const productListQuery = z.object({
  status: z.enum(PRODUCT_STATUSES).optional().meta({ description: "Only products in this status." }),
  ...pageQuery,
});

export const productListSchema = z.object({
  products: z.array(productSummarySchema).meta({ description: "Most recently changed first." }),
  counts: z.object({ ALL: z.number().int(), DRAFT: z.number().int(), ON_SALE: z.number().int(), OFF_SALE: z.number().int() }),
  ...paging,
});

export const setStatusBody = z.object({
  productIds: z.array(id("A product id."), { error: "invalid" }).min(1, { error: "noItemsSelected" }).max(200, { error: "tooManySelected" }).meta({ description: "1–200 product ids." }),
  status: z.enum(["ON_SALE", "OFF_SALE"], { error: "invalid" }).meta({ description: "ON_SALE puts them on sale (上架); OFF_SALE takes them off (下架)." }),
});

export const setStatusResult = z.object({
  changed: z.array(z.string()).meta({ description: "Products whose status changed." }),
  unchanged: z.array(z.string()).meta({ description: "Products that already had that status." }),
  failed: z
    .array(
      z.object({
        productId: z.string(),
        reason: z.enum(["NOT_FOUND", "NO_MAIN_IMAGE", "NO_ACTIVE_SKU", "STORE_NOT_APPROVED", "IS_DRAFT"]).meta({
          description: "NOT_FOUND (not this store's), NO_MAIN_IMAGE, NO_ACTIVE_SKU, STORE_NOT_APPROVED (suspended), IS_DRAFT (a draft is not taken off sale).",
        }),
      }),
    )
    .meta({ description: "Products that could not change; the others still did." }),
});

// ───────────── Stock ─────────────

export const stockBody = z
  .object({
    skuId: id("The SKU, by id…").optional(),
    productId: id("…or by product id and specKey (WeChat's product_id + sku_info).").optional(),
    specKey: z.string().max(200).optional().meta({ description: 'The SKU\'s combination, e.g. "颜色:红;尺码:M" ("" for a product without specs).' }),
    quantity: z
      .number({ error: "quantityInvalid" })
      .int({ error: "quantityInvalid" })
      .min(1, { error: "quantityInvalid" })
      .max(ITEM_LIMITS.maxStock, { error: "quantityInvalid" })
      .meta({ description: "Units to add or remove (1–99999999)." }),
    note: z.string().trim().max(100, { error: "tooLong" }).optional().meta({ description: "Why, for the stock ledger (up to 100 characters); the token's name is recorded with it." }),
  })
  .superRefine((v, ctx) => {
    if (v.skuId ? v.productId !== undefined || v.specKey !== undefined : v.productId === undefined || v.specKey === undefined) {
      ctx.addIssue({ code: "custom", message: "skuOrProduct", path: ["skuId"] });
    }
  })
  .meta({ examples: [{ skuId: "cm1sku0000000000000000000", quantity: 10, note: "Warehouse delivery 2025-03-01" }, { productId: "cm1item000000000000000000", specKey: "规格:250g", quantity: 2 }] });

export const stockResult = z
  .object({
    skuId: z.string(),
    productId: z.string(),
    specKey: z.string(),
    stock: z.number().int().meta({ description: "The SKU's stock after the change." }),
  })
  .meta({ id: "StockLevel" });

// ───────────── Groups ─────────────

const productRow = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(PRODUCT_STATUSES),
  mainImageId: z.string().nullable(),
  priceMinFen: z.number().int(),
  priceMaxFen: z.number().int(),
});

export const groupSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    position: z.number().int(),
    productCount: z.number().int(),
    onSaleCount: z.number().int(),
    inShelfDraft: z.boolean(),
    inPublishedShelf: z.boolean(),
  })
  .meta({ id: "GroupSummary" });

export const groupSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    position: z.number().int(),
    updatedAt: time("Send it back as expectedUpdatedAt to detect a concurrent edit."),
    products: z.array(productRow).meta({ description: "In the group's order, any status (buyers see only those on sale)." }),
  })
  .meta({ id: "Group" });

export const groupNameBody = z.object({ name: groupNameInput.meta({ description: `1–${GROUP_LIMITS.nameLength} characters, unique in the store (case-insensitive).` }) });

export const groupProductsBody = z.object({
  productIds: z
    .array(id("A product id of this store."))
    .max(GROUP_LIMITS.itemsPerGroup, { error: "groupItemsTooMany" })
    .refine((ids) => new Set(ids).size === ids.length, { error: "duplicateItem" })
    .meta({ description: `The group's products in order (replaces the list; up to ${GROUP_LIMITS.itemsPerGroup}; [] empties it).` }),
  expectedUpdatedAt: z.iso.datetime({ offset: true, error: "invalid" }).optional().meta({ description: "The group's updatedAt you last read: if it changed since, nothing is saved (409 STALE)." }),
});

// ───────────── Shelf ─────────────

export const shelfDraftBody = shelfInput
  .extend({
    expectedDraftUpdatedAt: z
      .string()
      .nullable()
      .optional()
      .meta({ description: "The draft's draftUpdatedAt you last read (null: you saw no shelf yet). If it changed since, nothing is saved (409 STALE)." }),
  })
  .meta({
    description: "The shelf (货架): a name and up to 20 sections — banner {imageId, caption?, linkGroupId?}, group_list {groupId, title?, count 1–20}, group_grid {tiles: 2–8 × {groupId, imageId?, title?}}.",
    examples: [
      {
        name: "春茶上新",
        sections: [
          { type: "banner", imageId: "img_1", caption: "明前龙井", linkGroupId: "grp_1" },
          { type: "group_list", groupId: "grp_1", title: "新品", count: 6 },
        ],
      },
    ],
  });

export const publishBody = z.object({
  expectedDraftUpdatedAt: z.string().nullable().optional().meta({ description: "Publish only if the draft is still the one you read (else 409 STALE)." }),
});

const sectionOut = z.record(z.string(), z.unknown()).meta({ description: "A section as saved: {type: banner | group_list | group_grid, …}." });

export const shelfSchema = z
  .object({
    draft: z.object({
      name: z.string(),
      sections: z.array(sectionOut),
      draftUpdatedAt: z.string().nullable().meta({ format: "date-time", description: "Null until the first save." }),
      hasUnpublishedChanges: z.boolean(),
      problems: z.record(z.string(), z.array(z.string())).meta({ description: "References in the draft that no longer resolve (a deleted group…), by field path." }),
    }),
    published: z
      .object({ version: z.number().int(), name: z.string(), sections: z.array(sectionOut), publishedAt: time("When it was published.") })
      .nullable()
      .meta({ description: "What buyers see; null until the first publish." }),
  })
  .meta({ id: "Shelf" });

// ───────────── Orders ─────────────

export const orderLineSchema = z
  .object({
    id: z.string(),
    productId: z.string(),
    skuId: z.string(),
    title: z.string().meta({ description: "As sold (later edits of the product do not change it)." }),
    specKey: z.string(),
    imageUrl: z.string().nullable(),
    unitPriceFen: z.number().int(),
    quantity: z.number().int(),
    lineTotalFen: z.number().int(),
    refundedFen: z.number().int(),
  })
  .meta({ id: "OrderLine" });

export const orderSchema = z
  .object({
    id: z.string(),
    orderNo: z.string().meta({ description: "18 digits, shown to buyers." }),
    status: z.enum(ORDER_STATUSES).meta({
      description:
        "PENDING_PAYMENT (WeChat 10), PAID — awaiting shipment (20), SHIPPED (30), COMPLETED (100), CLOSED — all refunded (200), CANCELLED — unpaid or timed out (250).",
    }),
    itemsFen: fen("Sum of the lines."),
    postageFen: fen("Postage."),
    totalFen: fen("What the buyer paid (or is to pay)."),
    refundedFen: fen("Refunded so far."),
    openAfterSales: z.number().int().meta({ description: "After-sale requests or complaints still open (WeChat's 维权中 while > 0)." }),
    createdAt: time("Placed."),
    payBy: time("Unpaid orders are cancelled after this."),
    paidAt: nullableTime("Paid."),
    shippedAt: nullableTime("Shipped."),
    completedAt: nullableTime("Receipt confirmed."),
    cancelledAt: nullableTime("Cancelled."),
    cancelReason: z.string().nullable().meta({ description: "BUYER_CANCELLED, SELLER_CLOSED or PAYMENT_TIMEOUT." }),
    transactionId: z.string().nullable().meta({ description: "WeChat Pay's transaction id." }),
    carrier: z.string().nullable(),
    trackingNo: z.string().nullable(),
    buyer: z.object({ id: z.string(), name: z.string() }),
    buyerNote: z.string().nullable(),
    address: z.object({ recipient: z.string(), phone: z.string(), province: z.string(), city: z.string(), district: z.string(), detail: z.string() }),
    lines: z.array(orderLineSchema),
    refunds: z.array(
      z.object({
        id: z.string(),
        amountFen: z.number().int(),
        status: z.enum(["PROCESSING", "SUCCESS", "ABNORMAL", "CLOSED"]),
        cause: z.string(),
        createdAt: z.string().meta({ format: "date-time" }),
        settledAt: z.string().nullable().meta({ format: "date-time" }),
      }),
    ),
  })
  .meta({ id: "Order" });

export const orderListQuery = z.object({
  status: z.enum(ORDER_STATUSES).optional().meta({ description: "Only orders in this status (PAID = awaiting shipment)." }),
  ...createdRange,
  ...pageQuery,
});

export const orderListSchema = z.object({ orders: z.array(orderSchema).meta({ description: "Newest first." }), ...paging });

export const deliveryBody = z
  .object({
    carrier: z.enum(CARRIERS, { error: "carrierRequired" }).meta({
      description: "SF 顺丰, ZTO 中通, YTO 圆通, STO 申通, YD 韵达, JD 京东, EMS, JT 极兔, DBL 德邦.",
    }),
    trackingNo: z
      .string({ error: "trackingFormat" })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{8,30}$/, { error: "trackingFormat" })
      .meta({ description: "8–30 letters or digits (case-insensitive)." }),
  })
  .meta({ examples: [{ carrier: "SF", trackingNo: "SF1234567890123" }] });

// ───────────── After-sale requests ─────────────

export const afterSaleSchema = z
  .object({
    id: z.string(),
    caseNo: z.string(),
    orderId: z.string(),
    orderNo: z.string(),
    type: z.enum(["REFUND_ONLY", "RETURN_AND_REFUND"]),
    status: z.enum(AFTER_SALE_STATUSES),
    reason: z.string(),
    description: z.string(),
    evidenceImageUrls: z.array(z.string()),
    requestedFen: fen("What the buyer asked for."),
    offeredFen: z.number().int().nullable().meta({ description: "A partial refund you offered." }),
    approvedFen: z.number().int().nullable().meta({ description: "What will be (or was) refunded." }),
    sellerDueAt: z.string().nullable().meta({ format: "date-time", description: "Answer by then; silence counts as acceptance." }),
    buyerDueAt: z.string().nullable().meta({ format: "date-time" }),
    escalateBy: z.string().nullable().meta({ format: "date-time" }),
    rejectReason: z.string().nullable(),
    returnCarrier: z.string().nullable(),
    returnTrackingNo: z.string().nullable(),
    returnShippedAt: z.string().nullable().meta({ format: "date-time" }),
    returnReceivedAt: z.string().nullable().meta({ format: "date-time" }),
    closedAt: z.string().nullable().meta({ format: "date-time" }),
    createdAt: time("Opened."),
    updatedAt: time("Last change."),
    lines: z.array(
      z.object({
        orderLineId: z.string(),
        productId: z.string(),
        skuId: z.string(),
        title: z.string(),
        specKey: z.string(),
        quantity: z.number().int(),
        lineTotalFen: z.number().int(),
        amountFen: z.number().int().meta({ description: "The part of the refund for this line." }),
      }),
    ),
    complaint: z
      .object({
        caseNo: z.string(),
        status: z.enum(["OPEN", "AWAITING_EVIDENCE", "SETTLED", "WITHDRAWN"]),
        outcome: z.enum(["FULL_REFUND", "PARTIAL_REFUND", "REJECTED"]).nullable(),
        settledFen: z.number().int().nullable(),
        slaDueAt: z.string().meta({ format: "date-time" }),
      })
      .nullable()
      .meta({ description: "The buyer's complaint to the platform, if escalated." }),
  })
  .meta({ id: "AfterSale" });

export const afterSaleListQuery = z.object({
  status: z.enum(AFTER_SALE_STATUSES).optional().meta({ description: "Only requests in this status (AWAITING_SELLER: yours to answer)." }),
  orderId: id("Only requests on this order.").optional(),
  ...createdRange,
  ...pageQuery,
});

export const afterSaleListSchema = z.object({ afterSales: z.array(afterSaleSchema).meta({ description: "Newest first." }), ...paging });

// ───────────── Path parameters ─────────────

export const productParams = z.object({ productId: id("A product id.") });
export const groupParams = z.object({ groupId: id("A group id.") });
export const orderParams = z.object({ orderId: id("An order id.") });
export const afterSaleParams = z.object({ afterSaleId: id("An after-sale request id.") });

// ───────────── Funds ─────────────

export const fundsQuery = z.object({
  state: z.enum(["HELD", "SETTLING", "SETTLED", "FAILED", "REFUNDED"]).optional().meta({ description: "Only orders whose money is in this state." }),
  ...pageQuery,
});

const fundsTotals = z
  .object({
    paid: fen("Paid by buyers, every paid order."),
    refunded: fen("Refunded to buyers."),
    fee: fen("The platform's fee taken (after any returned)."),
    settled: fen("Unfrozen to the store's WeChat Pay account."),
    held: fen("Still frozen in the store's account (the after-sale window is open, or settlement is under way)."),
  })
  .meta({ id: "FundsTotals", description: "paid = refunded + fee + settled + held." });

export const fundsSchema = z
  .object({
    totals: fundsTotals,
    flows: z
      .array(
        z.object({
          orderId: z.string(),
          orderNo: z.string(),
          paidAt: time("Paid."),
          paid: fen("Paid."),
          refunded: fen("Refunded so far."),
          fee: fen("The platform's fee taken (0 until it is shared)."),
          settled: fen("Unfrozen to the store."),
          held: fen("Still frozen."),
          state: z.enum(["HELD", "SETTLING", "SETTLED", "FAILED", "REFUNDED"]).meta({ description: "HELD: frozen until heldUntil (null: until receipt plus the after-sale window); SETTLING: fee being shared / rest unfrozen; SETTLED; FAILED: WeChat Pay refused (failReason), retried; REFUNDED: refunded in full, nothing held." }),
          heldUntil: nullableTime("When the after-sale window closes (HELD only)."),
          settledAt: nullableTime("Settled."),
          failReason: z.string().nullable().meta({ description: "WeChat Pay's reason (FAILED only)." }),
        }),
      )
      .meta({ description: "Paid orders, newest first." }),
    ...paging,
  })
  .meta({ id: "Funds" });
