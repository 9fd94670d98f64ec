import "server-only";
// What a load balancer or orchestrator asks an app instance: is the process up (liveness,
// no database work, so a slow database never gets healthy instances restarted), and can it
// serve (readiness: the database answers).
import { db } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/errors";

export type HealthCheck = "live" | "ready";

export async function checkHealth(check: HealthCheck): Promise<{ ok: boolean; database?: "up" | "down" }> {
  if (check === "live") return { ok: true };
  try {
    await db.$queryRaw`SELECT 1`;
    return { ok: true, database: "up" };
  } catch (e) {
    if (isDatabaseUnavailable(e)) return { ok: false, database: "down" };
    throw e;
  }
}
