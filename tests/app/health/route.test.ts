// The health route as a load balancer uses it: liveness never touches the database;
// readiness answers 503 with Retry-After while the database is unreachable.
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/health/route";
import { getDb } from "@/lib/db/client";
import { useTestDatabase } from "../../support/db";

useTestDatabase();
afterEach(() => vi.restoreAllMocks());

const get = async (query = "") => {
  const res = await GET(new Request(`http://127.0.0.1/api/health${query}`));
  return { status: res.status, retryAfter: res.headers.get("retry-after"), cache: res.headers.get("cache-control"), body: await res.json() };
};

const databaseDown = () => vi.spyOn(getDb(), "$queryRaw").mockRejectedValue(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }));

describe("GET /api/health", () => {
  it("answers liveness without asking the database, even while it is down", async () => {
    const spy = databaseDown();
    expect(await get()).toMatchObject({ status: 200, cache: "no-store", body: { status: "ok" } });
    expect(await get("?check=live")).toMatchObject({ status: 200 });
    expect(spy).not.toHaveBeenCalled();
  });

  it("is ready when the database answers", async () => {
    expect(await get("?check=ready")).toMatchObject({ status: 200, body: { status: "ok", database: "up" } });
  });

  it("is not ready, with Retry-After, while the database is unreachable", async () => {
    databaseDown();
    expect(await get("?check=ready")).toMatchObject({ status: 503, retryAfter: "2", body: { status: "unavailable", database: "down" } });
  });

  it("refuses a check it does not know", async () => {
    expect(await get("?check=deep")).toMatchObject({ status: 400, body: { error: { code: "VALIDATION" } } });
  });
});
