// A 503 while the database is down tells the client to retry, and mentions the
// Idempotency-Key only where one was sent to an endpoint that honours it: a read, or a
// request without a key, has no key to retry with.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createRouter, endpoint } from "@/lib/api/endpoint";

const down = () => Promise.reject(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }));
const router = createRouter({
  authenticate: async () => null,
  endpoints: [
    endpoint({ method: "GET", path: "/things", operationId: "listThings", summary: "", tag: "t", auth: false, responses: { 200: { description: "" } }, handler: down }),
    endpoint({ method: "POST", path: "/things", operationId: "makeThing", summary: "", tag: "t", auth: false, idempotencyKey: "optional", body: z.object({}), responses: { 201: { description: "" } }, handler: down }),
  ],
});

async function call(method: string, headers: Record<string, string> = {}) {
  const res = await router.handle(new Request("http://127.0.0.1/api/things", { method, headers, body: method === "POST" ? "{}" : undefined }), "/things");
  return { status: res.status, retryAfter: res.headers.get("retry-after"), message: ((await res.json()) as { error: { message: string } }).error.message };
}

describe("503 while the database is down", () => {
  it("tells a request that sent an Idempotency-Key that retrying with it is applied once", async () => {
    const r = await call("POST", { "Idempotency-Key": "key-12345678", "Content-Type": "application/json" });
    expect(r).toMatchObject({ status: 503, retryAfter: "2" });
    expect(r.message).toMatch(/retry shortly.*same Idempotency-Key is applied at most once/);
  });

  it("says only to retry for a read, or a write sent without a key", async () => {
    for (const r of [await call("GET"), await call("POST", { "Content-Type": "application/json" })]) {
      expect(r).toMatchObject({ status: 503, retryAfter: "2" });
      expect(r.message).toMatch(/retry shortly/);
      expect(r.message).not.toMatch(/Idempotency-Key/);
    }
  });
});
