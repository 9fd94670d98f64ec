import { buildOpenApi } from "@/lib/api/openapi";
import { storeApiEndpoints } from "@/lib/api/store-v1";
import { env } from "@/lib/env";

export function GET() {
  const doc = buildOpenApi({
    title: "Little Store — Store API",
    version: "1.0.0",
    description:
      "For mini-program-style clients: browse a store, sign a buyer in with WeChat OAuth, place orders (Idempotency-Key required), pay with WeChat Pay (JSAPI or H5) and cancel. Money is integer fen (CNY). Errors are JSON: `{ error: { code, message, fieldErrors?, details? } }`. " +
      `**Rate limits**, in fixed one-minute windows: ${env().STORE_API_RATE_LIMIT_PER_MINUTE} requests per minute per buyer token, and ${env().STORE_API_ADDRESS_RATE_LIMIT_PER_MINUTE} per client address for requests without a token. Answers carry \`X-RateLimit-Limit\`, \`X-RateLimit-Remaining\` and \`X-RateLimit-Reset\`; over the limit, 429 \`RATE_LIMITED\` with \`Retry-After\` (seconds).`,
    serverUrl: `${env().APP_URL}/api/store/v1`,
    endpoints: storeApiEndpoints,
    securityDescription: "A buyer token from POST /auth/wechat.",
  });
  return Response.json(doc, { headers: { "Cache-Control": "public, max-age=300" } });
}
