import "server-only";
// Turns uploaded bytes into stored WebP variants. The type is sniffed from the content
// (sharp reads the header), never taken from the client's file name or Content-Type.
import crypto from "node:crypto";
import sharp from "sharp";
import { AppError } from "@/lib/errors";
import { VARIANT_WIDTHS } from "./variants";

export const ALLOWED_FORMATS = ["jpeg", "png", "webp", "gif", "avif"] as const;
export const MIN_DIMENSION = 64;
export const MAX_DIMENSION = 8000;

export interface ProcessedImage {
  sourceType: string;
  width: number;
  height: number;
  sha256: string;
  variants: { width: number; data: Buffer }[];
}

/**
 * Decodes at a time in this process, and uploads allowed to wait for one. An 8000×8000 image
 * decodes to ~256 MB and ~1.5 s of CPU: unbounded, a burst of uploads could take the server's
 * memory. Past the queue an upload is told to retry shortly (RATE_LIMITED) rather than wait.
 */
export const IMAGE_DECODES_AT_ONCE = 2;
export const IMAGE_QUEUE_MAX = 16;

type Gate = { running: number; waiting: (() => void)[]; peak: number };
const gate: Gate = ((globalThis as { __littleStoreImageGate?: Gate }).__littleStoreImageGate ??= { running: 0, waiting: [], peak: 0 });

async function withDecodeSlot<T>(run: () => Promise<T>, limits = { atOnce: IMAGE_DECODES_AT_ONCE, queue: IMAGE_QUEUE_MAX }): Promise<T> {
  if (gate.running >= limits.atOnce) {
    if (gate.waiting.length >= limits.queue) {
      throw new AppError("RATE_LIMITED", "Too many images are being processed; try again in a few seconds.", { details: { retryAfterSeconds: 5 } });
    }
    await new Promise<void>((resolve) => gate.waiting.push(resolve));
  } else gate.running++;
  gate.peak = Math.max(gate.peak, gate.running);
  try {
    return await run();
  } finally {
    const next = gate.waiting.shift();
    if (next) next(); // the slot passes straight to the next upload
    else gate.running--;
  }
}

/** For tests: decodes running now, waiting, and the most ever at once. */
export function imageGateState() {
  return { running: gate.running, waiting: gate.waiting.length, peak: gate.peak };
}

function fieldError(code: "UNSUPPORTED_MEDIA" | "TOO_LARGE" | "VALIDATION", key: string, message: string) {
  return new AppError(code, message, { fieldErrors: { file: [key] }, details: { messageKey: key } });
}

export async function processImage(input: Buffer, opts: { maxBytes: number }): Promise<ProcessedImage> {
  return withDecodeSlot(() => processNow(input, opts));
}

async function processNow(input: Buffer, { maxBytes }: { maxBytes: number }): Promise<ProcessedImage> {
  if (input.length === 0) throw fieldError("VALIDATION", "fileEmpty", "The file is empty.");
  if (input.length > maxBytes) throw fieldError("TOO_LARGE", "fileTooLarge", `The file is larger than ${maxBytes} bytes.`);
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>["metadata"]>>;
  try {
    meta = await sharp(input, { limitInputPixels: MAX_DIMENSION * MAX_DIMENSION }).metadata();
  } catch {
    throw fieldError("UNSUPPORTED_MEDIA", "fileNotImage", "The file is not an image we can read.");
  }
  if (!meta.format || !(ALLOWED_FORMATS as readonly string[]).includes(meta.format)) {
    throw fieldError("UNSUPPORTED_MEDIA", "fileType", `Images must be JPEG, PNG, WebP, GIF or AVIF (got ${meta.format ?? "unknown"}).`);
  }
  // EXIF orientations 5–8 swap the axes.
  const swapped = (meta.orientation ?? 1) >= 5;
  const width = (swapped ? meta.height : meta.width) ?? 0;
  const height = (swapped ? meta.width : meta.height) ?? 0;
  if (width < MIN_DIMENSION || height < MIN_DIMENSION) {
    throw fieldError("VALIDATION", "imageTooSmall", `Images must be at least ${MIN_DIMENSION}×${MIN_DIMENSION} pixels.`);
  }
  if (width > MAX_DIMENSION || height > MAX_DIMENSION) {
    throw fieldError("VALIDATION", "imageTooBig", `Images must be at most ${MAX_DIMENSION}×${MAX_DIMENSION} pixels.`);
  }
  let variants: ProcessedImage["variants"];
  try {
    // Decode once (first frame of an animation), upright, metadata stripped.
    const upright = await sharp(input, { limitInputPixels: MAX_DIMENSION * MAX_DIMENSION, pages: 1 }).rotate().toBuffer();
    variants = await Promise.all(
      VARIANT_WIDTHS.map(async (w) => ({
        width: w,
        data: await sharp(upright).resize({ width: w, withoutEnlargement: true }).webp({ quality: 82 }).toBuffer(),
      })),
    );
  } catch {
    throw fieldError("UNSUPPORTED_MEDIA", "fileNotImage", "The image data is damaged.");
  }
  return { sourceType: `image/${meta.format}`, width, height, sha256: crypto.createHash("sha256").update(input).digest("hex"), variants };
}
