import "server-only";
// JSON route handlers: one error shape, { error: { code, message, fieldErrors? } }.
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE, UNAVAILABLE_RETRY_AFTER_S } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

export function errorResponse(e: unknown, headers?: HeadersInit): Response {
  if (e instanceof AppError) {
    const retryAfter = e.code === "RATE_LIMITED" ? e.details?.retryAfterSeconds : undefined;
    const withRetry = typeof retryAfter === "number" ? { ...Object.fromEntries(new Headers(headers)), "Retry-After": String(retryAfter) } : headers;
    return Response.json({ error: { code: e.code, message: e.message, ...(e.fieldErrors ? { fieldErrors: e.fieldErrors } : {}) } }, { status: e.status, headers: withRetry });
  }
  if (isDatabaseUnavailable(e)) {
    log.warn("route: database unavailable", { error: e });
    return Response.json(
      { error: { code: "UNAVAILABLE", message: UNAVAILABLE_MESSAGE } },
      { status: 503, headers: { ...Object.fromEntries(new Headers(headers)), "Retry-After": String(UNAVAILABLE_RETRY_AFTER_S) } },
    );
  }
  log.error("route failed", { error: e });
  return Response.json({ error: { code: "INTERNAL", message: "Something went wrong on our side." } }, { status: 500, headers });
}

/**
 * Refuses a state-changing request that the browser says came from another origin, for the
 * routes a session cookie authenticates (server actions have Next's own check). SameSite=Lax
 * cookies go with requests from the same site, which includes another port of the same host:
 * a page there could upload into a seller's store. Sec-Fetch-Site (sent by every current
 * browser) settles it; otherwise the Origin header, against this request's own host and
 * APP_URL's. A request with neither is no browser's cross-site request (curl and the like).
 */
export function assertSameOrigin(req: Request, appUrl: string): void {
  const site = req.headers.get("sec-fetch-site");
  if (site) {
    if (site === "same-origin" || site === "none") return;
    throw new AppError("FORBIDDEN", "Cross-origin requests are not accepted here.");
  }
  const origin = req.headers.get("origin");
  if (!origin) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError("FORBIDDEN", "Cross-origin requests are not accepted here.");
  }
  if (host === req.headers.get("host") || host === new URL(appUrl).host) return;
  throw new AppError("FORBIDDEN", "Cross-origin requests are not accepted here.");
}

/** Wraps a route handler so thrown AppErrors become JSON errors and nothing leaks. */
export function route<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (e) {
      return errorResponse(e);
    }
  };
}

/** Largest JSON body any API takes (an order of 50 lines is ~6 KB; an item with a rich description far less than this). */
export const JSON_BODY_MAX_BYTES = 1024 * 1024;

/**
 * The request body, read up to `maxBytes` and refused (TOO_LARGE, 413) past it. Route
 * handlers have no body limit of their own (only server actions do), and a body sent
 * chunked carries no Content-Length to check first: without a cap a few large requests
 * would fill the server's memory. Stops reading as soon as the cap is passed.
 */
export async function readBody(req: Request, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new AppError("TOO_LARGE", `The request body is larger than ${maxBytes} bytes.`, { details: { maxBytes } });
  const declared = Number(req.headers.get("content-length"));
  if (declared > maxBytes) throw tooLarge();
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** The sandbox's small HTML forms (a cashier's or consent page's few fields). */
const SANDBOX_FORM_MAX_BYTES = 64 * 1024;

/** A sandbox page's posted form, or the plain-text answer to send instead (413 too large, 400 unreadable). */
export async function readSandboxForm(req: Request): Promise<FormData | Response> {
  try {
    return await readFormData(req, SANDBOX_FORM_MAX_BYTES);
  } catch (e) {
    return e instanceof AppError ? new Response("Payload too large", { status: 413 }) : new Response("Bad request", { status: 400 });
  }
}

/** The body as UTF-8 text, capped (see readBody). */
export async function readText(req: Request, maxBytes: number = JSON_BODY_MAX_BYTES): Promise<string> {
  return (await readBody(req, maxBytes)).toString("utf8");
}

/** The body as multipart or urlencoded form data, capped (see readBody). */
export async function readFormData(req: Request, maxBytes: number): Promise<FormData> {
  const data = await readBody(req, maxBytes);
  return new Response(new Uint8Array(data), { headers: { "Content-Type": req.headers.get("content-type") ?? "" } }).formData();
}
