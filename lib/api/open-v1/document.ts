import "server-only";
// The Open API's OpenAPI 3.1 document, generated from the endpoints' zod schemas
// (lib/api/openapi.ts), plus what every operation shares: the rate-limit headers and 429.
import { env } from "@/lib/env";
import { buildOpenApi } from "../openapi";
import { openApiEndpoints } from "./index";

export const OPEN_API_TAGS = [
  { name: "Store", description: "The token's store, categories, and image upload." },
  { name: "Products", description: "Products (商品) with their SKU matrix: create, update, get, list by status, put on or take off sale." },
  { name: "Stock", description: "Add or reduce one SKU's stock. Every change is written to the stock ledger." },
  { name: "Groups", description: "Groups (分组): named, ordered lists of products that shelf sections show." },
  { name: "Shelf", description: "The shelf (货架), the store's home page: save a draft, publish it." },
  { name: "Orders", description: "Orders: get, list by status and time, set delivery, close unpaid ones." },
  { name: "After-sales", description: "After-sale requests (售后) buyers opened on the store's orders." },
  { name: "Funds", description: "Funds (资金): each paid order's money — held, the platform's fee, settled to the store — and totals." },
  { name: "Promotions", description: "Promotions (营销): store coupons (优惠券) and flash sales (限时抢购) — create, list, stop, and a coupon's claimed copies." },
] as const;

const rateHeaders = {
  "X-RateLimit-Limit": { $ref: "#/components/headers/X-RateLimit-Limit" },
  "X-RateLimit-Remaining": { $ref: "#/components/headers/X-RateLimit-Remaining" },
  "X-RateLimit-Reset": { $ref: "#/components/headers/X-RateLimit-Reset" },
};

export function openApiDescription(perMinute: number) {
  return [
    "The merchant Open API of Little Store, modelled on the WeChat Little Store merchant API. It works on one store: the store of the token you send.",
    "",
    "**Authentication.** A seller creates a token in the seller center (Store → API tokens); it is shown once. Send it as `Authorization: Bearer lsm_…`. The token acts as the seller who created it: everything it changes lands in the same stock ledger and order trail as the dashboard's, in that seller's name. A revoked or expired token, or one whose creator no longer works in the store, gets 401. Ids of another store's records get 404.",
    "",
    `**Rate limits.** ${perMinute} requests per minute per token, in fixed one-minute windows. Every answer carries \`X-RateLimit-Limit\`, \`X-RateLimit-Remaining\` and \`X-RateLimit-Reset\` (Unix time, seconds, when the window ends); over the limit the answer is 429 \`RATE_LIMITED\` with \`Retry-After\` (seconds).`,
    "",
    "**Retries.** Changes accept an `Idempotency-Key` header (8–100 printable characters, unique per change, kept per token): a retry with the same key gets the first answer again (with `Idempotent-Replayed: true`) instead of applying twice; the same key with a different request is 422 `IDEMPOTENCY_MISMATCH`; a retry sent while the first is still running is 409 `CONFLICT` (retry again shortly).",
    "",
    "**Errors** are JSON: `{ \"error\": { \"code\", \"message\", \"fieldErrors\"?, \"details\"? } }`. `fieldErrors` maps each bad field's path (e.g. `skus.0.priceFen`) to message codes (e.g. `priceInvalid`). Codes: 400 BAD_JSON / IDEMPOTENCY_KEY_INVALID, 401 UNAUTHENTICATED, 404 NOT_FOUND, 405 METHOD_NOT_ALLOWED, 409 CONFLICT / STALE / INVALID_STATE / INSUFFICIENT_STOCK, 413 TOO_LARGE, 415 UNSUPPORTED_MEDIA, 422 VALIDATION / IDEMPOTENCY_MISMATCH, 429 RATE_LIMITED, 500 INTERNAL (nothing was changed; retry).",
    "",
    "**Conventions.** Money is integer fen (1/100 yuan, CNY). Times are ISO 8601 in UTC. A SKU is named by its product's spec values in WeChat's sku_id form, `dimension:value;dimension:value` (e.g. `颜色:红;尺码:M`), or `\"\"` for a product without specs.",
  ].join("\n");
}

/** The OpenAPI 3.1 document served at /api/open/v1/openapi.json and rendered at /docs/open-api. */
export function openApiDocument() {
  const e = env();
  const doc = buildOpenApi({
    title: "Little Store — Merchant Open API",
    version: "1.0.0",
    description: openApiDescription(e.OPEN_API_RATE_LIMIT_PER_MINUTE),
    serverUrl: `${e.APP_URL}/api/open/v1`,
    endpoints: openApiEndpoints,
    securityDescription: "A store's API token (lsm_…), created by a seller under Store → API tokens.",
  });
  // zod leaves `examples` out of input schemas that transform (trim, defaults…): put them back.
  const examples = new Map(openApiEndpoints.map((ep) => [ep.operationId, (ep.body?.meta() as { examples?: unknown[] } | undefined)?.examples]));
  for (const ops of Object.values(doc.paths)) {
    for (const op of Object.values(ops) as { operationId: string; responses: Record<string, Record<string, unknown>>; requestBody?: { required?: boolean; description?: string; content: Record<string, { schema: Record<string, unknown> }> } }[]) {
      const bodyExamples = examples.get(op.operationId);
      const json = op.requestBody?.content["application/json"];
      if (bodyExamples && json && !json.schema.examples) json.schema.examples = bodyExamples;
      for (const [status, r] of Object.entries(op.responses)) if (status !== "401") r.headers = rateHeaders;
      op.responses["429"] = {
        description: "RATE_LIMITED: too many requests with this token; wait `Retry-After` seconds.",
        headers: { "Retry-After": { $ref: "#/components/headers/Retry-After" }, ...rateHeaders },
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      };
      if (op.operationId === "uploadImage") {
        op.requestBody = {
          required: true,
          description: "The image file's bytes.",
          content: Object.fromEntries(["image/jpeg", "image/png", "image/webp", "image/gif"].map((t) => [t, { schema: { type: "string", contentMediaType: t } }])),
        };
      }
    }
  }
  const int = (description: string) => ({ description, schema: { type: "integer" } });
  return {
    ...doc,
    tags: OPEN_API_TAGS.map((t) => ({ ...t })),
    components: {
      ...doc.components,
      headers: {
        "X-RateLimit-Limit": int("Requests this token may make per window (one minute)."),
        "X-RateLimit-Remaining": int("Requests left in the current window."),
        "X-RateLimit-Reset": int("When the current window ends, as Unix time in seconds."),
        "Retry-After": int("Seconds until the window ends and requests are accepted again."),
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
