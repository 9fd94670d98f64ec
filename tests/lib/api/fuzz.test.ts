// Every endpoint of both JSON APIs, fed arbitrary path parameters, query strings and bodies
// by a signed-in caller: the answer is always a clear JSON error or a success, never a 500.
// Generated inputs include the strings that trip databases and parsers (NUL bytes, lone
// surrogates, huge numbers, deep nesting), mixed with real ids so requests get past lookups.
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Endpoint } from "@/lib/api/endpoint";
import { handleOpenApi, openApiEndpoints } from "@/lib/api/open-v1";
import { createStoreApiToken } from "@/lib/api/open-v1/tokens";
import { storeApiEndpoints, storeApiRouter } from "@/lib/api/store-v1";
import { issueBuyerToken } from "@/lib/auth/api-tokens";
import { resetEnvForTests } from "@/lib/env";
import { useTestDatabase } from "../../support/db";
import { createItemWithSkus } from "../../support/catalog";
import { authWorld } from "../../support/fixtures";
import { usePaymentsInProcess } from "../../support/payments";

useTestDatabase();
usePaymentsInProcess();

let w: Awaited<ReturnType<typeof authWorld>>;
let buyerToken: string;
let merchantToken: string;
let known: string[] = [];
beforeAll(async () => {
  vi.stubEnv("OPEN_API_RATE_LIMIT_PER_MINUTE", "100000");
  resetEnvForTests();
  w = await authWorld();
  const item = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 1000, stock: 50 }, { priceFen: 2000, stock: 50 }] });
  buyerToken = (await issueBuyerToken(w.buyer.userId)).token;
  merchantToken = (await createStoreApiToken(w.sellerA, w.storeA.id, { name: "fuzz" })).token;
  known = [w.storeA.id, w.storeA.slug, item.itemId, ...item.skuIds];
});

const nasty = fc.constantFrom("\u0000", "a\u0000b", "\ud800", "%E0%A4%A", "%", "💥", "%00", "../", "' OR 1=1 --", "\\", "null", "-1", "1e309", "9".repeat(400), " ", "");
const text = () => fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 }), nasty, fc.nat().map((i) => known[i % known.length] ?? "x"));
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    text(),
    fc.integer(),
    fc.double(),
    fc.constantFrom(2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 0, 1, true, false, null),
    fc.array(tie("v"), { maxLength: 4 }),
    fc.dictionary(text(), tie("v"), { maxKeys: 5 }),
  ),
})).v;

/** A body shaped like the endpoint's (its top-level keys, from a sample object), with arbitrary values. */
function bodyFor(e: Endpoint): fc.Arbitrary<unknown> {
  const shape = (e.body as { shape?: Record<string, unknown> } | undefined)?.shape;
  const keys = shape ? Object.keys(shape) : [];
  const shaped = keys.length ? fc.record(Object.fromEntries(keys.map((k) => [k, value])), { requiredKeys: [] }) : fc.constant(undefined);
  return fc.oneof(shaped, value);
}

function requestFor(e: Endpoint) {
  const names = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  return fc.record({
    params: fc.tuple(...names.map(() => text())),
    query: fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom("status", "cursor", "q", "from", "to", "limit")), text(), { maxKeys: 3 }),
    body: bodyFor(e),
    rawBody: fc.option(fc.oneof(fc.string({ maxLength: 50 }), fc.constantFrom("{", "[1,", '{"a":', "\u0000")), { nil: undefined }),
  });
}

async function send(api: "store" | "open", e: Endpoint, r: { params: string[]; query: Record<string, string>; body: unknown; rawBody?: string }) {
  let i = 0;
  // A lone surrogate cannot be percent-encoded; send the malformed bytes a client could send instead.
  const encode = (p: string) => {
    try {
      return encodeURIComponent(p);
    } catch {
      return "%ED%A0%80";
    }
  };
  const path = e.path.replace(/\{(\w+)\}/g, () => encode(r.params[i++] || "x"));
  const qs = new URLSearchParams(r.query).toString();
  const headers: Record<string, string> = { "Content-Type": "application/json", Authorization: `Bearer ${api === "store" ? buyerToken : merchantToken}`, "Idempotency-Key": `fuzz-${crypto.randomUUID()}` };
  const body = e.method === "GET" ? undefined : (r.rawBody ?? (r.body === undefined ? undefined : JSON.stringify(r.body)));
  const req = new Request(`http://127.0.0.1/api/${api}/v1${path}${qs ? `?${qs}` : ""}`, { method: e.method, headers, body });
  const res = api === "store" ? await storeApiRouter.handle(req, path) : await handleOpenApi(req, path);
  const textBody = await res.text();
  return { status: res.status, text: textBody };
}

describe.each([
  ["Store API", "store", storeApiEndpoints],
  ["Open API", "open", openApiEndpoints],
] as const)("%s under arbitrary input", (_name, api, endpoints) => {
  it.each(endpoints.map((e) => [`${e.method} ${e.path}`, e] as const))("%s never answers 500", async (_label, e) => {
    await fc.assert(
      fc.asyncProperty(requestFor(e), async (r) => {
        const res = await send(api, e, r);
        if (res.status >= 500) throw new Error(`${res.status}: ${res.text.slice(0, 300)}`);
        if (res.status >= 400) expect(JSON.parse(res.text).error.code).toEqual(expect.any(String));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 40), seed: Number(process.env.FUZZ_SEED ?? 20261203) },
    );
  });
});
