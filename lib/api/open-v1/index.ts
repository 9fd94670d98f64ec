import "server-only";
// The merchant Open API (/api/open/v1), modelled on WeChat Little Store's merchant API:
// products, stock, groups, shelf, orders and after-sale requests of the token's store. Every
// request carries a store's MERCHANT token (Authorization: Bearer lsm_…), is rate limited
// per token, and acts through the same domain functions as the dashboard.
import { env } from "@/lib/env";
import { createRouter, errorToResponse, jsonError, type Endpoint } from "../endpoint";
import { hitRateLimit, rateLimitHeaders, type RateLimitDecision } from "../rate-limit";
import { authenticateMerchant, type MerchantIdentity } from "./auth";
import { afterSaleEndpoints } from "./endpoints/after-sales";
import { fundsEndpoints } from "./endpoints/funds";
import { groupEndpoints } from "./endpoints/groups";
import { orderEndpoints } from "./endpoints/orders";
import { productEndpoints } from "./endpoints/products";
import { promotionEndpoints } from "./endpoints/promotions";
import { shelfEndpoints } from "./endpoints/shelf";
import { stockEndpoints } from "./endpoints/stock";
import { storeEndpoints } from "./endpoints/store";

export const openApiEndpoints: Endpoint[] = [
  ...storeEndpoints,
  ...productEndpoints,
  ...stockEndpoints,
  ...groupEndpoints,
  ...shelfEndpoints,
  ...orderEndpoints,
  ...afterSaleEndpoints,
  ...fundsEndpoints,
  ...promotionEndpoints,
];

export const OPEN_API_WINDOW_MS = 60_000;

/** Authentication and rate limiting happen before routing; the router picks the identity up here. */
const identities = new WeakMap<Request, MerchantIdentity>();

const router = createRouter({ endpoints: openApiEndpoints, authenticate: async (req) => identities.get(req) ?? null });

export function rateLimitKey(tokenId: string) {
  return `openapi:token:${tokenId}`;
}

/** One hit against the token's per-minute budget. */
export function hitOpenApiLimit(tokenId: string): Promise<RateLimitDecision> {
  return hitRateLimit(rateLimitKey(tokenId), { limit: env().OPEN_API_RATE_LIMIT_PER_MINUTE, windowMs: OPEN_API_WINDOW_MS });
}

/**
 * Answers one Open API request (`path` is the part after /api/open/v1). Every answer to an
 * authenticated request carries X-RateLimit-Limit / -Remaining / -Reset; over the limit it is
 * 429 RATE_LIMITED with Retry-After.
 */
export async function handleOpenApi(req: Request, path: string): Promise<Response> {
  let identity: MerchantIdentity | null;
  let decision: RateLimitDecision;
  try {
    identity = await authenticateMerchant(req.headers.get("authorization"));
    if (!identity) {
      return jsonError(
        401,
        "UNAUTHENTICATED",
        "Send a valid store token: Authorization: Bearer lsm_… (it may be missing, malformed, unknown, expired or revoked, or its creator no longer works in the store).",
        {},
        { "WWW-Authenticate": 'Bearer realm="open-api"' },
      );
    }
    decision = await hitOpenApiLimit(identity.tokenId);
  } catch (e) {
    return errorToResponse(e);
  }
  const headers = rateLimitHeaders(decision);
  if (!decision.allowed) {
    return jsonError(
      429,
      "RATE_LIMITED",
      `Too many requests: this token may make ${decision.limit} per minute. Retry in ${decision.retryAfterSeconds} s.`,
      { details: { limit: decision.limit, retryAfterSeconds: decision.retryAfterSeconds } },
      headers,
    );
  }
  identities.set(req, identity);
  const res = await router.handle(req, path);
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}
