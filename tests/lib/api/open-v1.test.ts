// The merchant Open API end to end through its router, on a real database: who may call it
// (a store's token, only for its store), what bad input gets back (422 with field paths), and
// that every endpoint works and lands in the same ledgers and event trails as the dashboard.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as openapiGET } from "@/app/api/open/v1/openapi.json/route";
import { handleOpenApi, openApiEndpoints } from "@/lib/api/open-v1";
import { IDEMPOTENCY_PRUNE_QUEUE, IDEMPOTENCY_RETENTION_MS, IN_FLIGHT, pruneIdempotencyRecords, requestHash } from "@/lib/api/idempotency";
import { createStoreApiToken, revokeStoreApiToken } from "@/lib/api/open-v1/tokens";
import { issueBuyerToken } from "@/lib/auth/api-tokens";
import { getDb } from "@/lib/db/client";
import { jobHandlers, recurringJobs } from "@/lib/jobs/registry";
import { useTestDatabase } from "../../support/db";
import { createItemWithSkus, ledgerBalances } from "../../support/catalog";
import { actorFor, authWorld, createImageRow, createStore, createUser, pngBytes } from "../../support/fixtures";
import { deliverSandbox, orderStatus, payInSandbox, placeTestOrder, usePaymentsInProcess } from "../../support/payments";

useTestDatabase();
usePaymentsInProcess();

const base = "http://localhost:3000/api/open/v1";

interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** One request through the Open API's handler, as the catch-all route makes it. */
async function call(token: string | null, method: string, path: string, opts: { body?: unknown; key?: string; rawBody?: string; auth?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (opts.auth !== undefined) headers.Authorization = opts.auth;
  else if (token) headers.Authorization = `Bearer ${token}`;
  if (opts.key) headers["Idempotency-Key"] = opts.key;
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const res = await handleOpenApi(new Request(`${base}${path}`, { method, headers, body }), path.split("?")[0]);
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

let w: Awaited<ReturnType<typeof authWorld>>;
let tokenA: string; // store A, created by sellerA
let tokenB: string; // store B, created by sellerB
let itemB: { itemId: string; skuIds: string[] };
let mainImageA: string;

async function newToken(actor = w.sellerA, storeId = w.storeA.id, name = "ERP sync") {
  return (await createStoreApiToken(actor, storeId, { name })).token;
}

beforeAll(async () => {
  w = await authWorld();
  tokenA = await newToken();
  tokenB = await newToken(w.sellerB, w.storeB.id, "B sync");
  itemB = await createItemWithSkus(w.storeB.id, { title: "B 的商品", skus: [{ priceFen: 500, stock: 3 }] });
  mainImageA = (await createImageRow({ uploaderId: w.sellerA.userId, storeId: w.storeA.id })).id;
});

const productBody = (over: Record<string, unknown> = {}) => ({
  title: "明前龙井",
  categoryId: "tea",
  specs: [{ name: "规格", values: ["250g", "500g"] }],
  skus: [
    { specKey: "规格:250g", priceFen: 12800, stock: 10 },
    { specKey: "规格:500g", priceFen: 23800, stock: 4, code: "LJ-500" },
  ],
  postageMode: "FLAT",
  postageFen: 800,
  ...over,
});

describe("authorisation", () => {
  it("answers 401 without a usable store token: missing, malformed, unknown, a buyer's, revoked or expired", async () => {
    const none = await call(null, "GET", "/store");
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe("UNAUTHENTICATED");
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    // Unauthenticated answers are not counted against any token.
    expect(none.headers.get("x-ratelimit-limit")).toBeNull();

    expect((await call(null, "GET", "/store", { auth: "Bearer not-a-token" })).status).toBe(401);
    expect((await call(null, "GET", "/store", { auth: `Basic ${tokenA}` })).status).toBe(401);
    expect((await call(`lsm_${"x".repeat(43)}`, "GET", "/store")).status).toBe(401);
    const buyerToken = (await issueBuyerToken(w.buyer.userId)).token;
    expect((await call(buyerToken, "GET", "/store")).status).toBe(401);

    const revoked = await createStoreApiToken(w.sellerA, w.storeA.id, { name: "to revoke" });
    expect((await call(revoked.token, "GET", "/store")).status).toBe(200);
    await revokeStoreApiToken(w.sellerA, w.storeA.id, revoked.id);
    expect((await call(revoked.token, "GET", "/store")).status).toBe(401);

    const expiring = await createStoreApiToken(w.sellerA, w.storeA.id, { name: "short", expiresInDays: 30 });
    expect((await call(expiring.token, "GET", "/store")).status).toBe(200);
    await getDb().apiToken.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await call(expiring.token, "GET", "/store")).status).toBe(401);
  });

  it("tells the token's store and records when the token was last used", async () => {
    const t = await createStoreApiToken(w.sellerA, w.storeA.id, { name: "whoami" });
    const r = await call(t.token, "GET", "/store");
    expect(r.json).toMatchObject({ id: w.storeA.id, slug: w.storeA.slug, status: "APPROVED", token: { id: t.id, name: "whoami", prefix: t.prefix } });
    const row = await getDb().apiToken.findUniqueOrThrow({ where: { id: t.id }, select: { lastUsedAt: true } });
    expect(row.lastUsedAt).not.toBeNull();
  });

  it("keeps a token to its own store: another store's products, SKUs, groups and orders are 404", async () => {
    // The token's creator also runs a second store: the token still reaches only its own.
    const storeC = await createStore({ ownerId: w.sellerA.userId });
    const itemC = await createItemWithSkus(storeC.id, { skus: [{ priceFen: 100, stock: 1 }] });
    const groupB = await getDb().group.create({ data: { storeId: w.storeB.id, name: "B 组", position: 0 }, select: { id: true } });
    const orderB = await placeTestOrder(w.buyer, w.storeB.id, [{ skuId: itemB.skuIds[0], quantity: 1 }]);
    // Another store's record answers exactly as one that does not exist (status and body), so
    // the answer does not even tell that it exists.
    const asMissing = async (method: string, path: (id: string) => string, id: string, opts: { body?: unknown } = {}) => {
      const theirs = await call(tokenA, method, path(id), opts);
      const none = await call(tokenA, method, path("cnosuchrecord000000000000"), opts);
      expect(theirs.status, `${method} ${path("…")}`).toBe(404);
      expect(theirs.json, `${method} ${path("…")}`).toEqual(none.json);
    };
    for (const productId of [itemB.itemId, itemC.itemId]) {
      await asMissing("GET", (id) => `/products/${id}`, productId);
      await asMissing("PUT", (id) => `/products/${id}`, productId, { body: { ...productBody({ specs: [], skus: [{ specKey: "", priceFen: 1 }] }), version: 1 } });
    }
    expect((await call(tokenA, "POST", "/stock/add", { body: { skuId: itemB.skuIds[0], quantity: 5 } })).status).toBe(404);
    expect((await call(tokenA, "POST", "/stock/reduce", { body: { productId: itemC.itemId, specKey: "", quantity: 1 } })).status).toBe(404);
    const status = await call(tokenA, "POST", "/products/status", { body: { productIds: [itemB.itemId], status: "OFF_SALE" } });
    expect(status.json.failed).toEqual([{ productId: itemB.itemId, reason: "NOT_FOUND" }]);
    await asMissing("GET", (id) => `/groups/${id}`, groupB.id);
    await asMissing("PATCH", (id) => `/groups/${id}`, groupB.id, { body: { name: "偷改" } });
    await asMissing("PUT", (id) => `/groups/${id}/products`, groupB.id, { body: { productIds: [] } });
    await asMissing("DELETE", (id) => `/groups/${id}`, groupB.id);
    await asMissing("GET", (id) => `/orders/${id}`, orderB.id);
    await asMissing("POST", (id) => `/orders/${id}/close`, orderB.id);
    await asMissing("POST", (id) => `/orders/${id}/delivery`, orderB.id, { body: { carrier: "SF", trackingNo: "SF1234567890" } });
    expect((await call(tokenA, "GET", "/orders")).json.orders.map((o: { id: string }) => o.id)).not.toContain(orderB.id);

    // Nothing of store B changed.
    expect(await ledgerBalances(itemB.skuIds[0])).toMatchObject({ stock: 2 });
    expect(await orderStatus(orderB.id)).toBe("PENDING_PAYMENT");
    expect((await getDb().group.findUniqueOrThrow({ where: { id: groupB.id } })).name).toBe("B 组");
    // Store B's own token sees its order.
    expect((await call(tokenB, "GET", `/orders/${orderB.id}`)).status).toBe(200);
  });

  it("stops a token whose creator left the store or was disabled", async () => {
    const staff = await createUser("SELLER");
    await getDb().storeMember.create({ data: { storeId: w.storeA.id, userId: staff.id, role: "STAFF" } });
    const staffToken = await newToken(await actorFor(staff.id), w.storeA.id, "staff token");
    expect((await call(staffToken, "GET", "/products")).status).toBe(200);
    await getDb().storeMember.delete({ where: { storeId_userId: { storeId: w.storeA.id, userId: staff.id } } });
    expect((await call(staffToken, "GET", "/products")).status).toBe(401);

    const other = await createUser("SELLER");
    await getDb().storeMember.create({ data: { storeId: w.storeA.id, userId: other.id, role: "STAFF" } });
    const otherToken = await newToken(await actorFor(other.id), w.storeA.id, "other token");
    expect((await call(otherToken, "GET", "/products")).status).toBe(200);
    await getDb().user.update({ where: { id: other.id }, data: { disabled: true } });
    expect((await call(otherToken, "GET", "/products")).status).toBe(401);
  });
});

describe("store, categories and images", () => {
  it("lists categories and uploads an image that a new product can use", async () => {
    const cats = await call(tokenA, "GET", "/categories");
    expect(cats.json.categories.map((c: { id: string }) => c.id)).toContain("tea");

    const png = await pngBytes(120, 120);
    const res = await handleOpenApi(
      new Request(`${base}/images`, { method: "POST", headers: { Authorization: `Bearer ${tokenA}`, "Content-Type": "image/png" }, body: new Uint8Array(png) }),
      "/images",
    );
    expect(res.status).toBe(201);
    const image = await res.json();
    expect(image).toMatchObject({ width: 120, height: 120, url: expect.stringMatching(/\/media\/.+\/640\.webp$/) });
    expect(await getDb().image.findUniqueOrThrow({ where: { id: image.id }, select: { storeId: true, uploaderId: true } })).toEqual({ storeId: w.storeA.id, uploaderId: w.sellerA.userId });
    const product = await call(tokenA, "POST", "/products", { body: productBody({ mainImageId: image.id, putOnSale: true }) });
    expect(product.json).toMatchObject({ status: "ON_SALE", mainImageId: image.id });
    // Another store cannot use it.
    const foreign = await call(tokenB, "POST", "/products", { body: productBody({ mainImageId: image.id }) });
    expect(foreign.status).toBe(422);
    expect(Object.keys(foreign.json.error.fieldErrors)).toEqual(["mainImageId"]);

    const junk = await handleOpenApi(new Request(`${base}/images`, { method: "POST", headers: { Authorization: `Bearer ${tokenA}` }, body: "not an image" }), "/images");
    expect(junk.status).toBe(415);
  });

  it("creates once for a retried create with the same Idempotency-Key", async () => {
    const key = crypto.randomUUID();
    const body = productBody({ title: "幂等创建" });
    const first = await call(tokenA, "POST", "/products", { body, key });
    const again = await call(tokenA, "POST", "/products", { body, key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json.id).toBe(first.json.id);
    expect(await getDb().item.count({ where: { storeId: w.storeA.id, title: "幂等创建" } })).toBe(1);
  });
});

describe("validation", () => {
  it("answers bad fields with 422 and each field's path", async () => {
    const bad = await call(tokenA, "POST", "/products", { body: productBody({ title: "", skus: [{ specKey: "规格:250g", priceFen: 0 }, { specKey: "规格:500g", priceFen: 100 }] }) });
    expect(bad.status).toBe(422);
    expect(bad.json.error.code).toBe("VALIDATION");
    expect(bad.json.error.fieldErrors).toMatchObject({ title: ["required"], "skus.0.priceFen": ["priceInvalid"] });
    // Rules across fields come from the catalogue itself, with the same paths.
    const matrix = await call(tokenA, "POST", "/products", { body: productBody({ skus: [{ specKey: "规格:250g", priceFen: 100 }] }) });
    expect(matrix.status).toBe(422);
    expect(matrix.json.error.fieldErrors).toEqual({ skus: ["skuMissing"] });
    const category = await call(tokenA, "POST", "/products", { body: productBody({ categoryId: "nope" }) });
    expect(category.json.error.fieldErrors).toEqual({ categoryId: ["categoryUnknown"] });

    const stock = await call(tokenA, "POST", "/stock/add", { body: { quantity: 0 } });
    expect(stock.status).toBe(422);
    expect(Object.keys(stock.json.error.fieldErrors).sort()).toEqual(["quantity", "skuId"]);
    const range = await call(tokenA, "GET", "/orders?createdFrom=yesterday&status=LOST");
    expect(range.status).toBe(422);
    expect(Object.keys(range.json.error.fieldErrors).sort()).toEqual(["createdFrom", "status"]);
    const ship = await call(tokenA, "POST", "/orders/whatever/delivery", { body: { carrier: "XX", trackingNo: "12-34" } });
    expect(ship.json.error.fieldErrors).toEqual({ carrier: ["carrierRequired"], trackingNo: ["trackingFormat"] });
    expect((await call(tokenA, "GET", "/products?pageSize=1000")).status).toBe(422);
  });

  it("answers malformed JSON, unknown paths and wrong methods with JSON errors", async () => {
    const notJson = await call(tokenA, "POST", "/groups", { rawBody: "{" });
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.code).toBe("BAD_JSON");
    expect((await call(tokenA, "GET", "/nothing-here")).status).toBe(404);
    const wrong = await call(tokenA, "DELETE", "/orders");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
    expect((await call(tokenA, "POST", "/groups", { body: { name: "x" }, key: "short" })).json.error.code).toBe("IDEMPOTENCY_KEY_INVALID");
  });
});

describe("products", () => {
  it("creates, reads, lists by status, updates with the version and sets on/off sale", async () => {
    const created = await call(tokenA, "POST", "/products", { body: productBody() });
    expect(created.status).toBe(201);
    const p = created.json;
    expect(p).toMatchObject({ status: "DRAFT", title: "明前龙井", priceMinFen: 12800, priceMaxFen: 23800, postageMode: "FLAT", postageFen: 800, version: 1 });
    expect(p.skus.map((s: { specKey: string; stock: number }) => [s.specKey, s.stock])).toEqual([
      ["规格:250g", 10],
      ["规格:500g", 4],
    ]);
    // Initial stock went through the ledger, in the token's creator's name.
    const initial = await getDb().stockLedgerEntry.findMany({ where: { itemId: p.id }, select: { reason: true, actorId: true } });
    expect(initial).toEqual([
      { reason: "INITIAL", actorId: w.sellerA.userId },
      { reason: "INITIAL", actorId: w.sellerA.userId },
    ]);

    expect((await call(tokenA, "GET", `/products/${p.id}`)).json).toEqual(p);
    const drafts = await call(tokenA, "GET", "/products?status=DRAFT&pageSize=50");
    expect(drafts.json.products.map((r: { id: string }) => r.id)).toContain(p.id);
    expect(drafts.json.counts.DRAFT).toBeGreaterThanOrEqual(1);

    // Update: a third size appears, the 250g price changes; the 500g SKU keeps its id and stock.
    const update = productBody({
      mainImageId: mainImageA,
      specs: [{ name: "规格", values: ["250g", "500g", "1kg"] }],
      skus: [
        { specKey: "规格:250g", priceFen: 13800 },
        { specKey: "规格:500g", priceFen: 23800 },
        { specKey: "规格:1kg", priceFen: 42800, stock: 2 },
      ],
    });
    const saved = await call(tokenA, "PUT", `/products/${p.id}`, { body: { ...update, version: 1 } });
    expect(saved.status).toBe(200);
    expect(saved.json.version).toBe(2);
    expect(saved.json.skus.find((s: { specKey: string }) => s.specKey === "规格:500g")).toMatchObject({ id: p.skus[1].id, stock: 4 });
    expect(saved.json.skus.find((s: { specKey: string }) => s.specKey === "规格:1kg")).toMatchObject({ stock: 2, priceFen: 42800 });
    // A second writer still holding version 1 is refused, and nothing changes.
    const stale = await call(tokenA, "PUT", `/products/${p.id}`, { body: { ...update, title: "旧标题", version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("STALE");
    expect((await call(tokenA, "GET", `/products/${p.id}`)).json.title).toBe("明前龙井");

    const draftOnly = (await call(tokenA, "POST", "/products", { body: productBody({ title: "草稿" }) })).json.id;
    const onSale = await call(tokenA, "POST", "/products/status", { body: { productIds: [p.id, draftOnly], status: "ON_SALE" } });
    expect(onSale.json).toEqual({ changed: [p.id], unchanged: [], failed: [{ productId: draftOnly, reason: "NO_MAIN_IMAGE" }] });
    expect((await call(tokenA, "GET", "/products?status=ON_SALE")).json.products.map((r: { id: string }) => r.id)).toContain(p.id);
    const off = await call(tokenA, "POST", "/products/status", { body: { productIds: [p.id, draftOnly], status: "OFF_SALE" } });
    expect(off.json).toEqual({ changed: [p.id], unchanged: [], failed: [{ productId: draftOnly, reason: "IS_DRAFT" }] });

    // Straight on sale at creation.
    const live = await call(tokenA, "POST", "/products", { body: productBody({ title: "直接上架", mainImageId: mainImageA, putOnSale: true }) });
    expect(live.json.status).toBe("ON_SALE");
  });

  it("pages the list", async () => {
    for (let i = 0; i < 3; i++) await createItemWithSkus(w.storeA.id, { title: `分页 ${i}`, status: "OFF_SALE", skus: [{ priceFen: 100, stock: 1 }] });
    const total = (await call(tokenA, "GET", "/products?status=OFF_SALE")).json.total;
    const p1 = await call(tokenA, "GET", "/products?status=OFF_SALE&pageSize=2&page=1");
    const last = await call(tokenA, "GET", `/products?status=OFF_SALE&pageSize=2&page=${Math.ceil(total / 2)}`);
    expect(p1.json).toMatchObject({ page: 1, pageSize: 2, total, hasMore: true });
    expect(p1.json.products).toHaveLength(2);
    expect(last.json.hasMore).toBe(false);
  });
});

describe("stock", () => {
  it("adds and reduces one SKU's stock through the ledger as API_ADJUSTMENT, naming the token", async () => {
    const { itemId, skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ specKey: "颜色:红", priceFen: 100, stock: 5 }, { specKey: "颜色:蓝", priceFen: 100, stock: 5 }] });
    const add = await call(tokenA, "POST", "/stock/add", { body: { skuId: skuIds[0], quantity: 7, note: "到货" } });
    expect(add.status).toBe(200);
    expect(add.json).toEqual({ skuId: skuIds[0], productId: itemId, specKey: "颜色:红", stock: 12 });
    const reduce = await call(tokenA, "POST", "/stock/reduce", { body: { productId: itemId, specKey: "颜色:蓝", quantity: 2 } });
    expect(reduce.json).toMatchObject({ skuId: skuIds[1], stock: 3 });

    const entries = await getDb().stockLedgerEntry.findMany({ where: { itemId, reason: "API_ADJUSTMENT" }, orderBy: { id: "asc" }, select: { skuId: true, delta: true, resultingStock: true, actorId: true, note: true } });
    expect(entries).toEqual([
      { skuId: skuIds[0], delta: 7, resultingStock: 12, actorId: w.sellerA.userId, note: expect.stringMatching(/^Open API · ERP sync \(lsm_.{6}…\): 到货$/) },
      { skuId: skuIds[1], delta: -2, resultingStock: 3, actorId: w.sellerA.userId, note: expect.stringMatching(/^Open API · ERP sync/) },
    ]);
    for (const sku of skuIds) expect(await ledgerBalances(sku)).toMatchObject({ ledgerSum: (await ledgerBalances(sku)).stock });
  });

  it("refuses to go below zero with 409 INSUFFICIENT_STOCK and what is available, changing nothing", async () => {
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 100, stock: 3 }] });
    const r = await call(tokenA, "POST", "/stock/reduce", { body: { skuId: skuIds[0], quantity: 4 } });
    expect(r.status).toBe(409);
    expect(r.json.error).toMatchObject({ code: "INSUFFICIENT_STOCK", details: { skuId: skuIds[0], available: 3 } });
    expect(await ledgerBalances(skuIds[0])).toEqual({ stock: 3, ledgerSum: 3, lastResulting: 3 });
    // Concurrent reductions never oversell: exactly three of eight single-unit reductions pass.
    const many = await Promise.all(Array.from({ length: 8 }, () => call(tokenA, "POST", "/stock/reduce", { body: { skuId: skuIds[0], quantity: 1 } })));
    expect(many.filter((m) => m.status === 200)).toHaveLength(3);
    expect(await ledgerBalances(skuIds[0])).toEqual({ stock: 0, ledgerSum: 0, lastResulting: 0 });
  });

  it("applies a retried change once: the same Idempotency-Key replays the first answer", async () => {
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 100, stock: 1 }] });
    const key = crypto.randomUUID();
    const body = { skuId: skuIds[0], quantity: 10 };
    const first = await call(tokenA, "POST", "/stock/add", { body, key });
    const again = await call(tokenA, "POST", "/stock/add", { body, key });
    expect(again.json).toEqual(first.json);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await ledgerBalances(skuIds[0])).toMatchObject({ stock: 11 });
    const mismatch = await call(tokenA, "POST", "/stock/add", { body: { ...body, quantity: 11 }, key });
    expect(mismatch.status).toBe(422);
    expect(mismatch.json.error.code).toBe("IDEMPOTENCY_MISMATCH");
    // Concurrent twins of one request: applied once. A twin that arrives while the first is
    // still running is told to retry (409 CONFLICT); a retry then gets the stored answer.
    const twinKey = crypto.randomUUID();
    const twins = await Promise.all(Array.from({ length: 6 }, () => call(tokenA, "POST", "/stock/add", { body: { skuId: skuIds[0], quantity: 1 }, key: twinKey })));
    expect(await ledgerBalances(skuIds[0])).toMatchObject({ stock: 12 });
    for (const t of twins) expect(t.status === 200 ? t.json.stock : t.json.error.code).toBe(t.status === 200 ? 12 : "CONFLICT");
    const late = await call(tokenA, "POST", "/stock/add", { body: { skuId: skuIds[0], quantity: 1 }, key: twinKey });
    expect(late.json.stock).toBe(12);
    expect(late.headers.get("idempotent-replayed")).toBe("true");
    // A request that died while holding a key blocks twins for a minute, then no longer.
    const crashed = await createStoreApiToken(w.sellerA, w.storeA.id, { name: "crashy" });
    const hash = requestHash({ method: "POST", path: "/api/open/v1/stock/add", body });
    const held = { scope: `open-v1:${crashed.id}`, requestHash: hash, status: IN_FLIGHT, body: null as never };
    await getDb().idempotencyRecord.create({ data: { ...held, key: "held-key-1" } });
    expect((await call(crashed.token, "POST", "/stock/add", { body, key: "held-key-1" })).json.error.code).toBe("CONFLICT");
    // A different request under a key that is in flight is a mismatch, not a wait.
    expect((await call(crashed.token, "POST", "/stock/add", { body: { ...body, quantity: 2 }, key: "held-key-1" })).json.error.code).toBe("IDEMPOTENCY_MISMATCH");
    await getDb().idempotencyRecord.create({ data: { ...held, key: "held-key-2", createdAt: new Date(Date.now() - 120_000) } });
    expect((await call(crashed.token, "POST", "/stock/add", { body, key: "held-key-2" })).status).toBe(200);
    expect(await ledgerBalances(skuIds[0])).toMatchObject({ stock: 22 });
    // Keys belong to the token: another token's same key is a different request.
    const otherToken = await newToken(w.sellerA, w.storeA.id, "second");
    expect((await call(otherToken, "POST", "/stock/add", { body, key })).headers.get("idempotent-replayed")).toBeNull();
    expect(await ledgerBalances(skuIds[0])).toMatchObject({ stock: 32 });
  });
});

describe("idempotency keys", () => {
  it("are kept for a day and then pruned by a recurring job", async () => {
    const now = new Date("2031-06-01T12:00:00Z");
    const row = (key: string, ageMs: number) => ({ scope: "prune-test", key, requestHash: "h", status: 200, body: {} as never, createdAt: new Date(now.getTime() - ageMs) });
    await getDb().idempotencyRecord.createMany({ data: [row("old", IDEMPOTENCY_RETENTION_MS + 60_000), row("recent", IDEMPOTENCY_RETENTION_MS - 60_000)] });
    expect(await pruneIdempotencyRecords(now)).toBeGreaterThanOrEqual(1);
    expect((await getDb().idempotencyRecord.findMany({ where: { scope: "prune-test" }, select: { key: true } })).map((r) => r.key)).toEqual(["recent"]);
    expect(recurringJobs.map((j) => j.name)).toContain(IDEMPOTENCY_PRUNE_QUEUE);
    expect(Object.keys(await jobHandlers())).toContain(IDEMPOTENCY_PRUNE_QUEUE);
  });
});

describe("groups and shelf", () => {
  it("lists, creates, renames, fills and deletes groups", async () => {
    const a = await createItemWithSkus(w.storeA.id, { title: "组内一", skus: [{ priceFen: 100, stock: 1 }] });
    const b = await createItemWithSkus(w.storeA.id, { title: "组内二", skus: [{ priceFen: 100, stock: 1 }] });
    const created = await call(tokenA, "POST", "/groups", { body: { name: "新品" } });
    expect(created.status).toBe(201);
    const g = created.json;
    expect(g).toMatchObject({ name: "新品", products: [] });
    expect((await call(tokenA, "POST", "/groups", { body: { name: "新品" } })).json.error.fieldErrors).toEqual({ name: ["groupNameTaken"] });
    const renamed = await call(tokenA, "PATCH", `/groups/${g.id}`, { body: { name: "春茶" } });
    expect(renamed.json.name).toBe("春茶");
    // Renaming moved updatedAt on: the value from creation is stale now.
    expect((await call(tokenA, "PUT", `/groups/${g.id}/products`, { body: { productIds: [a.itemId], expectedUpdatedAt: g.updatedAt } })).json.error.code).toBe("STALE");

    const filled = await call(tokenA, "PUT", `/groups/${g.id}/products`, { body: { productIds: [b.itemId, a.itemId], expectedUpdatedAt: renamed.json.updatedAt } });
    expect(filled.status).toBe(200);
    expect(filled.json.products.map((p: { id: string }) => p.id)).toEqual([b.itemId, a.itemId]);
    expect((await call(tokenA, "PUT", `/groups/${g.id}/products`, { body: { productIds: [], expectedUpdatedAt: renamed.json.updatedAt } })).json.error.code).toBe("STALE");
    // Another store's product cannot join.
    const foreign = await call(tokenA, "PUT", `/groups/${g.id}/products`, { body: { productIds: [itemB.itemId] } });
    expect(foreign.status).toBe(422);
    expect(foreign.json.error.fieldErrors).toEqual({ productIds: ["itemUnknown"] });

    const list = await call(tokenA, "GET", "/groups");
    expect(list.json.groups).toEqual(expect.arrayContaining([expect.objectContaining({ id: g.id, name: "春茶", productCount: 2 })]));
    expect((await call(tokenA, "DELETE", `/groups/${g.id}`)).json).toEqual({ id: g.id, deleted: true });
    expect((await call(tokenA, "GET", `/groups/${g.id}`)).status).toBe(404);
  });

  it("saves a shelf draft, publishes it, and reports staleness", async () => {
    const group = (await call(tokenA, "POST", "/groups", { body: { name: "货架组" } })).json;
    const empty = await call(tokenA, "GET", "/shelf");
    expect(empty.json).toMatchObject({ draft: { sections: [], draftUpdatedAt: null }, published: null });
    expect((await call(tokenA, "POST", "/shelf/publish")).json.error.fieldErrors).toEqual({ sections: ["shelfEmpty"] });

    const draft = { name: "春茶上新", sections: [{ type: "group_list", groupId: group.id, title: "新品", count: 6 }], expectedDraftUpdatedAt: null };
    const saved = await call(tokenA, "PUT", "/shelf/draft", { body: draft });
    expect(saved.status).toBe(200);
    expect(saved.json.draft).toMatchObject({ name: "春茶上新", hasUnpublishedChanges: true, sections: [{ type: "group_list", groupId: group.id, count: 6 }] });
    // A second client that saw no shelf yet is now stale.
    expect((await call(tokenA, "PUT", "/shelf/draft", { body: draft })).json.error.code).toBe("STALE");
    const badRef = await call(tokenA, "PUT", "/shelf/draft", { body: { name: "x", sections: [{ type: "group_list", groupId: "nope", count: 1 }] } });
    expect(badRef.json.error.fieldErrors).toEqual({ "sections.0.groupId": ["groupUnknown"] });

    const published = await call(tokenA, "POST", "/shelf/publish", { body: { expectedDraftUpdatedAt: saved.json.draft.draftUpdatedAt } });
    expect(published.json).toEqual({ version: 1, unchanged: false });
    expect((await call(tokenA, "POST", "/shelf/publish")).json).toEqual({ version: 1, unchanged: true });
    const shelf = await call(tokenA, "GET", "/shelf");
    expect(shelf.json.published).toMatchObject({ version: 1, name: "春茶上新", sections: [{ type: "group_list", groupId: group.id }] });
    expect(shelf.json.draft.hasUnpublishedChanges).toBe(false);
    const version = await getDb().shelfVersion.findFirstOrThrow({ where: { shelf: { storeId: w.storeA.id } }, select: { publishedById: true } });
    expect(version.publishedById).toBe(w.sellerA.userId);
  });
});

describe("funds", () => {
  it("lists each paid order's money with the store's totals, balancing, and only the token's store", async () => {
    const { skuIds } = await createItemWithSkus(w.storeA.id, { title: "资金", skus: [{ priceFen: 5000, stock: 5 }] });
    const order = await placeTestOrder(w.buyer, w.storeA.id, [{ skuId: skuIds[0], quantity: 1 }]);
    await payInSandbox(w.buyer, order.id);
    await deliverSandbox(async () => (await orderStatus(order.id)) === "PAID");
    const r = await call(tokenA, "GET", "/funds?state=HELD&pageSize=100");
    expect(r.status).toBe(200);
    const flow = r.json.flows.find((f: { orderId: string }) => f.orderId === order.id);
    expect(flow).toMatchObject({ paid: 5000, refunded: 0, fee: 0, settled: 0, held: 5000, state: "HELD", heldUntil: null, settledAt: null });
    const t = r.json.totals;
    expect(t.paid).toBe(t.refunded + t.fee + t.settled + t.held);
    // Another store's token does not see it.
    const other = await call(await newToken(w.sellerB, w.storeB.id), "GET", "/funds?pageSize=100");
    expect(other.json.flows.some((f: { orderId: string }) => f.orderId === order.id)).toBe(false);
    expect((await call(tokenA, "GET", "/funds?state=NOPE")).status).toBe(422); // VALIDATION, as every bad query
  });
});

describe("orders", () => {
  async function paidOrder() {
    const { skuIds } = await createItemWithSkus(w.storeA.id, { title: "待发货", skus: [{ priceFen: 9900, stock: 5 }] });
    const order = await placeTestOrder(w.buyer, w.storeA.id, [{ skuId: skuIds[0], quantity: 2 }]);
    await payInSandbox(w.buyer, order.id);
    await deliverSandbox(async () => (await orderStatus(order.id)) === "PAID");
    return { orderId: order.id, skuId: skuIds[0] };
  }

  it("ships a paid order: the order's trail shows SHIP by the token's creator", async () => {
    const { orderId } = await paidOrder();
    const awaiting = await call(tokenA, "GET", "/orders?status=PAID");
    const listed = awaiting.json.orders.find((o: { id: string }) => o.id === orderId);
    expect(listed).toMatchObject({ status: "PAID", totalFen: 19800, buyer: { id: w.buyer.userId }, address: { recipient: "王小明" }, lines: [{ quantity: 2, unitPriceFen: 9900 }] });
    expect(listed.transactionId).toBeTruthy();

    const key = crypto.randomUUID();
    const shipped = await call(tokenA, "POST", `/orders/${orderId}/delivery`, { body: { carrier: "SF", trackingNo: "sf1234567890" }, key });
    expect(shipped.status).toBe(200);
    expect(shipped.json).toMatchObject({ status: "SHIPPED", carrier: "SF", trackingNo: "SF1234567890" });
    expect(shipped.json.shippedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const events = await getDb().orderEvent.findMany({ where: { orderId, type: "SHIP" }, select: { actorKind: true, actorId: true, fromStatus: true, toStatus: true, data: true } });
    expect(events).toEqual([{ actorKind: "SELLER", actorId: w.sellerA.userId, fromStatus: "PAID", toStatus: "SHIPPED", data: { carrier: "SF", trackingNo: "SF1234567890" } }]);
    // A retry of the same request gets the same answer; a new request is refused (already shipped).
    const retry = await call(tokenA, "POST", `/orders/${orderId}/delivery`, { body: { carrier: "SF", trackingNo: "sf1234567890" }, key });
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    const again = await call(tokenA, "POST", `/orders/${orderId}/delivery`, { body: { carrier: "ZTO", trackingNo: "ZT00000001" } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("INVALID_STATE");
  });

  it("closes an unpaid order and puts its stock back; a paid one cannot be closed", async () => {
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 100, stock: 5 }] });
    const order = await placeTestOrder(w.buyer, w.storeA.id, [{ skuId: skuIds[0], quantity: 2 }]);
    const closed = await call(tokenA, "POST", `/orders/${order.id}/close`);
    expect(closed.json).toMatchObject({ status: "CANCELLED", cancelReason: "SELLER_CLOSED" });
    expect(await ledgerBalances(skuIds[0])).toMatchObject({ stock: 5, ledgerSum: 5 });
    const events = await getDb().orderEvent.findMany({ where: { orderId: order.id, type: "CANCEL" }, select: { actorKind: true, actorId: true } });
    expect(events).toEqual([{ actorKind: "SELLER", actorId: w.sellerA.userId }]);
    const { orderId } = await paidOrder();
    const refused = await call(tokenA, "POST", `/orders/${orderId}/close`);
    expect(refused.status).toBe(409);
    expect(await orderStatus(orderId)).toBe("PAID");
  });

  it("lists by status and creation time, newest first, in pages", async () => {
    // A store of its own, so the counts are exact.
    const seller = await createUser("SELLER");
    const store = await createStore({ ownerId: seller.id });
    const token = await newToken(await actorFor(seller.id), store.id, "list");
    const { skuIds } = await createItemWithSkus(store.id, { skus: [{ priceFen: 100, stock: 10 }] });
    const at = ["2025-03-01T00:00:00Z", "2025-03-02T00:00:00Z", "2025-03-03T00:00:00Z", "2025-03-04T00:00:00Z"];
    const ids: string[] = [];
    for (const t of at) {
      const o = await placeTestOrder(w.buyer, store.id, [{ skuId: skuIds[0], quantity: 1 }]);
      await getDb().order.update({ where: { id: o.id }, data: { createdAt: new Date(t) } });
      ids.push(o.id);
    }
    await getDb().order.update({ where: { id: ids[1] }, data: { status: "PAID", paidAt: new Date() } });

    const all = await call(token, "GET", "/orders");
    expect(all.json.orders.map((o: { id: string }) => o.id)).toEqual([...ids].reverse());
    const range = await call(token, "GET", `/orders?createdFrom=${encodeURIComponent("2025-03-02T08:00:00+08:00")}&createdTo=2025-03-04T00:00:00Z`);
    expect(range.json.orders.map((o: { id: string }) => o.id)).toEqual([ids[2], ids[1]]);
    const pending = await call(token, "GET", "/orders?status=PENDING_PAYMENT&pageSize=2");
    expect(pending.json).toMatchObject({ total: 3, hasMore: true, page: 1 });
    expect(pending.json.orders.map((o: { id: string }) => o.id)).toEqual([ids[3], ids[2]]);
    const page2 = await call(token, "GET", "/orders?status=PENDING_PAYMENT&pageSize=2&page=2");
    expect(page2.json.orders.map((o: { id: string }) => o.id)).toEqual([ids[0]]);
    expect(page2.json.hasMore).toBe(false);
  });
});

describe("after-sale requests", () => {
  it("lists and gets the store's requests, and only the store's", async () => {
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 3000, stock: 5 }] });
    const order = await placeTestOrder(w.buyer, w.storeA.id, [{ skuId: skuIds[0], quantity: 1 }]);
    const line = await getDb().orderLine.findFirstOrThrow({ where: { orderId: order.id }, select: { id: true } });
    const request = await getDb().afterSaleRequest.create({
      data: {
        caseNo: `AS${Date.now()}`,
        orderId: order.id,
        storeId: w.storeA.id,
        buyerId: w.buyer.userId,
        type: "REFUND_ONLY",
        reason: "NOT_RECEIVED",
        description: "没收到",
        evidenceImageIds: [],
        requestedFen: 3000,
        sellerDueAt: new Date(Date.now() + 86_400_000),
        lines: { create: { orderLineId: line.id, amountFen: 3000 } },
      },
      select: { id: true },
    });
    const list = await call(tokenA, "GET", "/after-sales?status=AWAITING_SELLER");
    const row = list.json.afterSales.find((a: { id: string }) => a.id === request.id);
    expect(row).toMatchObject({ orderId: order.id, type: "REFUND_ONLY", status: "AWAITING_SELLER", requestedFen: 3000, complaint: null, lines: [{ orderLineId: line.id, skuId: skuIds[0], amountFen: 3000, quantity: 1 }] });
    expect((await call(tokenA, "GET", `/after-sales?orderId=${order.id}`)).json.total).toBe(1);
    expect((await call(tokenA, "GET", "/after-sales?status=REFUNDED")).json.afterSales.map((a: { id: string }) => a.id)).not.toContain(request.id);
    expect((await call(tokenA, "GET", `/after-sales/${request.id}`)).json).toEqual(row);
    expect((await call(tokenB, "GET", `/after-sales/${request.id}`)).status).toBe(404);
    expect((await call(tokenB, "GET", "/after-sales")).json.afterSales).toEqual([]);
  });
});

describe("OpenAPI document", () => {
  it("describes every endpoint with its schemas, the bearer scheme and the rate-limit answers", async () => {
    const res = await openapiGET();
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    const ops = Object.entries(doc.paths as Record<string, Record<string, { operationId: string; summary: string; responses: Record<string, unknown>; security: unknown[] }>>).flatMap(([path, m]) =>
      Object.entries(m).map(([method, op]) => ({ path, method, ...op })),
    );
    expect(ops.map((o) => o.operationId).sort()).toEqual(openApiEndpoints.map((e) => e.operationId).sort());
    expect(new Set(ops.map((o) => o.operationId)).size).toBe(ops.length);
    for (const op of ops) {
      expect(op.summary, op.operationId).toBeTruthy();
      expect(op.security).toEqual([{ bearer: [] }]);
      expect(op.responses["429"], op.operationId).toMatchObject({ headers: { "Retry-After": expect.anything() } });
      expect(op.responses["401"], op.operationId).toBeDefined();
    }
    for (const path of ["/products", "/products/{productId}", "/products/status", "/stock/add", "/stock/reduce", "/groups", "/groups/{groupId}/products", "/shelf", "/shelf/draft", "/shelf/publish", "/orders", "/orders/{orderId}", "/orders/{orderId}/delivery", "/orders/{orderId}/close", "/after-sales", "/after-sales/{afterSaleId}"]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths["/stock/add"].post.requestBody.content["application/json"].schema.properties.quantity).toMatchObject({ type: "integer", minimum: 1 });
    expect(doc.paths["/orders"].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["status", "createdFrom", "createdTo", "page", "pageSize"]));
    expect(doc.components.schemas).toHaveProperty("Product");
    expect(doc.components.schemas).toHaveProperty("Order");
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.headers).toHaveProperty("X-RateLimit-Reset");
    expect(doc.servers[0].url).toMatch(/\/api\/open\/v1$/);
  });
});
