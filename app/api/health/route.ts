// GET /api/health — liveness (the process answers); GET /api/health?check=ready — readiness
// (the database answers too; 503 with Retry-After while it does not).
import { z } from "zod";
import { jsonError } from "@/lib/api/endpoint";
import { UNAVAILABLE_RETRY_AFTER_S } from "@/lib/db/errors";
import { checkHealth } from "@/lib/health/check";
import { route } from "@/lib/http";

const query = z.object({ check: z.enum(["live", "ready"]).default("live") });
const noStore = { "Cache-Control": "no-store" };

export const GET = route(async (req: Request) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return jsonError(400, "VALIDATION", "check must be live or ready.", {}, noStore);
  const { ok, ...detail } = await checkHealth(parsed.data.check);
  if (!ok) return Response.json({ status: "unavailable", ...detail }, { status: 503, headers: { ...noStore, "Retry-After": String(UNAVAILABLE_RETRY_AFTER_S) } });
  return Response.json({ status: "ok", ...detail }, { headers: noStore });
});
