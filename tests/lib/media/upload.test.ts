import sharp from "sharp";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { IMAGE_DECODES_AT_ONCE, IMAGE_QUEUE_MAX, imageGateState, processImage } from "@/lib/media/process";
import { hitRateLimit } from "@/lib/api/rate-limit";
import { imageKey, UPLOAD_LIMIT } from "@/lib/media/upload";
import { VARIANT_WIDTHS } from "@/lib/media/variants";
import { storage } from "@/lib/storage";
import { useTestDatabase } from "../../support/db";
import { actorFor, authWorld, createUser, pngBytes } from "../../support/fixtures";

useTestDatabase();

// The route reads the signed-in user through getActor(); tests choose who that is.
const current = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock(import("@/lib/auth/session"), async (original) => ({ ...(await original()), getActor: async () => current.actor }));

const { POST } = await import("@/app/api/uploads/route");

function uploadRequest(file: Blob | null, fields: Record<string, string> = {}, headers?: Record<string, string>) {
  const fd = new FormData();
  if (file) fd.set("file", file, "photo.png");
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return new Request("http://localhost/api/uploads", { method: "POST", body: fd, headers });
}

describe("processImage", () => {
  it("decodes at most two images at a time and tells uploads past the queue to retry (#23)", async () => {
    const png = await pngBytes(200, 200);
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => processImage(png, { maxBytes: 1e7 })));
    const refused = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as AppError).code] : []));
    // Two decoding and sixteen waiting; the other twelve are asked to come back.
    expect(refused).toEqual(Array(30 - IMAGE_DECODES_AT_ONCE - IMAGE_QUEUE_MAX).fill("RATE_LIMITED"));
    expect(imageGateState()).toMatchObject({ running: 0, waiting: 0 });
    expect(imageGateState().peak).toBeLessThanOrEqual(IMAGE_DECODES_AT_ONCE);
  });

  it("sniffs the type from the bytes and makes every variant, never upscaling", async () => {
    const out = await processImage(await pngBytes(500, 300), { maxBytes: 1e7 });
    expect(out.sourceType).toBe("image/png");
    expect([out.width, out.height]).toEqual([500, 300]);
    expect(out.variants.map((v) => v.width)).toEqual([...VARIANT_WIDTHS]);
    for (const v of out.variants) {
      const m = await sharp(v.data).metadata();
      expect(m.format).toBe("webp");
      expect(m.width).toBe(Math.min(v.width, 500));
    }
  });

  it("applies EXIF orientation so portrait photos stay portrait", async () => {
    const rotated = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#f00" } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const out = await processImage(rotated, { maxBytes: 1e7 });
    expect([out.width, out.height]).toEqual([200, 300]);
    const big = out.variants.at(-1)!;
    const m = await sharp(big.data).metadata();
    expect([m.width, m.height]).toEqual([200, 300]);
  });

  it.each([
    ["an empty file", async () => Buffer.alloc(0), "fileEmpty"],
    ["text renamed to .png", async () => Buffer.from("hello, I am not an image"), "fileNotImage"],
    ["an SVG (scriptable, refused)", async () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><rect width="200" height="200"/></svg>'), "fileType"],
    ["a tiny image", async () => pngBytes(20, 20), "imageTooSmall"],
    ["a truncated PNG", async () => (await pngBytes(400, 400)).subarray(0, 60), "fileNotImage"],
  ])("refuses %s with a clear error", async (_name, make, key) => {
    const e = await processImage(await make(), { maxBytes: 1e7 }).catch((x) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).fieldErrors?.file).toEqual([key]);
  });

  it("refuses files over the size limit before decoding them", async () => {
    const e = await processImage(await pngBytes(400, 400), { maxBytes: 100 }).catch((x) => x);
    expect((e as AppError).code).toBe("TOO_LARGE");
  });
});

describe("POST /api/uploads", () => {
  let w: Awaited<ReturnType<typeof authWorld>>;
  beforeAll(async () => {
    w = await authWorld();
  });

  it("refuses an upload a page on another origin of the same site makes with the seller's cookie (#23), and stores nothing", async () => {
    current.actor = w.sellerA;
    const png = async () => new Blob([new Uint8Array(await pngBytes(300, 300))]);
    const before = await getDb().image.count({ where: { storeId: w.storeA.id } });
    for (const headers of [{ "Sec-Fetch-Site": "same-site" }, { "Sec-Fetch-Site": "cross-site" }, { Origin: "http://localhost:4000", Host: "localhost:3000" }, { Origin: "null" }] as Record<string, string>[]) {
      const res = await POST(uploadRequest(await png(), { storeId: w.storeA.id }, headers));
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    expect(await getDb().image.count({ where: { storeId: w.storeA.id } })).toBe(before);
    // From the app's own pages it goes through.
    for (const headers of [{ "Sec-Fetch-Site": "same-origin" }, { Origin: "http://localhost:3000", Host: "localhost:3000" }] as Record<string, string>[]) {
      expect((await POST(uploadRequest(await png(), { storeId: w.storeA.id }, headers))).status, JSON.stringify(headers)).toBe(201);
    }
  });

  it("stores a seller's image in their store and serves its variants", async () => {
    current.actor = w.sellerA;
    const res = await POST(uploadRequest(new Blob([new Uint8Array(await pngBytes(800, 600))]), { storeId: w.storeA.id }));
    expect(res.status).toBe(201);
    const { image } = await res.json();
    expect(image).toMatchObject({ width: 800, height: 600, src: `/media/${image.id}` });
    const row = await getDb().image.findUniqueOrThrow({ where: { id: image.id } });
    expect(row).toMatchObject({ storeId: w.storeA.id, uploaderId: w.sellerA.userId, sourceType: "image/png" });
    for (const width of VARIANT_WIDTHS) expect(await storage().get(imageKey(image.id, width))).not.toBeNull();
    const { GET } = await import("@/app/media/[imageId]/[file]/route");
    const served = await GET(new Request("http://localhost"), { params: Promise.resolve({ imageId: image.id, file: "640.webp" }) });
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/webp");
    expect(served.headers.get("cache-control")).toContain("immutable");
    const bad = await GET(new Request("http://localhost"), { params: Promise.resolve({ imageId: image.id, file: "641.webp" }) });
    expect(bad.status).toBe(404);
  });

  it.each([
    ["anonymous", () => null, 401],
    ["a buyer", () => w.buyer, 404],
    ["the seller of another store", () => w.sellerB, 404],
    ["an admin", () => w.admin, 404],
  ])("refuses %s uploading into store A", async (_who, who, status) => {
    current.actor = who();
    const before = await getDb().image.count();
    const res = await POST(uploadRequest(new Blob([new Uint8Array(await pngBytes())]), { storeId: w.storeA.id }));
    expect(res.status).toBe(status);
    expect(await getDb().image.count()).toBe(before);
  });

  it("keeps an image with its uploader when no store is given (a logo for an application)", async () => {
    current.actor = w.sellerB;
    const res = await POST(uploadRequest(new Blob([new Uint8Array(await pngBytes())])));
    expect(res.status).toBe(201);
    const { image } = await res.json();
    expect((await getDb().image.findUniqueOrThrow({ where: { id: image.id } })).storeId).toBeNull();
  });

  it("answers bad uploads with a JSON field error and stores nothing", async () => {
    current.actor = w.sellerA;
    const before = await getDb().image.count();
    const noFile = await POST(uploadRequest(null, { storeId: w.storeA.id }));
    expect(noFile.status).toBe(422);
    expect((await noFile.json()).error.fieldErrors.file).toEqual(["fileMissing"]);
    const notImage = await POST(uploadRequest(new Blob(["GIF89a but not really"]), { storeId: w.storeA.id }));
    expect(notImage.status).toBe(415);
    expect(await getDb().image.count()).toBe(before);
  });

  it("stops an account past its hourly uploads with 429 and Retry-After before decoding anything; other accounts upload on", async () => {
    const uploader = await createUser("SELLER");
    current.actor = await actorFor(uploader.id);
    // The hour's allowance used up (each hit is what an upload counts).
    for (let i = 0; i < UPLOAD_LIMIT.limit; i++) await hitRateLimit(`upload:${uploader.id}`, UPLOAD_LIMIT);
    const before = await getDb().image.count();
    const refused = await POST(uploadRequest(new Blob([new Uint8Array(await pngBytes())])));
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe("RATE_LIMITED");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // Not even decoded: a file that is no image is refused the same way, not as unsupported.
    expect((await POST(uploadRequest(new Blob(["not an image"])))).status).toBe(429);
    expect(await getDb().image.count()).toBe(before);
    current.actor = w.sellerB;
    expect((await POST(uploadRequest(new Blob([new Uint8Array(await pngBytes())])))).status).toBe(201);
  });
});
