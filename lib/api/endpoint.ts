import "server-only";
// JSON API endpoints described once, with zod: the same schemas validate requests and
// generate the OpenAPI 3.1 document. A router dispatches a catch-all route to them.
import { z } from "zod";
import type { BearerIdentity } from "@/lib/auth/api-tokens";
import { isDatabaseUnavailable, UNAVAILABLE_IDEMPOTENT_MESSAGE, UNAVAILABLE_MESSAGE, UNAVAILABLE_RETRY_AFTER_S } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { issuesToFieldErrors, refuseNulCharacters } from "@/lib/validation";
import { readText } from "@/lib/http";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface EndpointContext<P, Q, B> {
  req: Request;
  params: P;
  query: Q;
  body: B;
  identity: BearerIdentity | null;
  idempotencyKey: string | null;
}

export interface EndpointResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Endpoint<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  method: Method;
  /** OpenAPI-style path under the API base, e.g. "/orders/{orderId}". */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  auth: boolean;
  params?: P;
  query?: Q;
  body?: B;
  idempotencyKey?: "required" | "optional";
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  handler: (ctx: EndpointContext<z.output<P>, z.output<Q>, z.output<B>>) => Promise<EndpointResult>;
}

export function endpoint<P extends z.ZodType = z.ZodObject, Q extends z.ZodType = z.ZodObject, B extends z.ZodType = z.ZodUnknown>(e: Endpoint<P, Q, B>): Endpoint {
  return e as unknown as Endpoint;
}

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "Machine-readable error code, e.g. VALIDATION, NOT_FOUND, SOLD_OUT." }),
      message: z.string(),
      fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: "Error" });

/**
 * Below this, compressing a JSON answer saves bytes but no time: an answer smaller than TCP's
 * initial congestion window (10 segments, ~14 KB) arrives in one round trip either way.
 */
const COMPRESS_FROM_BYTES = 8 * 1024;

/**
 * A JSON response. Next compresses every streamed response, however small (it cannot see the
 * length, and drops a Content-Length we set), and a fresh gzip stream per order answer (~0.3 ms
 * of CPU) was 4–8% of the server's CPU in the checkout benchmarks. Answers under 8 KB are
 * therefore marked `no-transform`, the standard directive its compression honours; larger
 * ones (long lists, documents) are still compressed.
 */
export function json(body: unknown, init: { status?: number; headers?: HeadersInit } = {}) {
  const text = JSON.stringify(body);
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json");
  if (Buffer.byteLength(text) < COMPRESS_FROM_BYTES) {
    const cc = headers.get("Cache-Control");
    headers.set("Cache-Control", cc ? `${cc}, no-transform` : "no-transform");
  }
  return new Response(text, { status: init.status, headers });
}

export function jsonError(status: number, code: string, message: string, extra: { fieldErrors?: Record<string, string[]>; details?: Record<string, unknown> } = {}, headers?: HeadersInit) {
  return json({ error: { code, message, ...extra } }, { status, headers });
}

/** Public details of an AppError: message keys and values, never internals. */
function publicDetails(e: AppError) {
  if (!e.details) return undefined;
  const { messageKey: _k, messageValues: _v, ...rest } = e.details as Record<string, unknown>;
  return Object.keys(rest).length ? rest : undefined;
}

/** What an AppError answers, as an endpoint result (to store or replay it; errorToResponse sends the same). */
export function appErrorResult(e: AppError): EndpointResult {
  return { status: e.status, body: { error: { code: e.code, message: e.message, fieldErrors: e.fieldErrors, details: publicDetails(e) } } };
}

/** `idempotent`: the request carried an Idempotency-Key that its endpoint honours (the 503 then says a retry with it is safe). */
export function errorToResponse(e: unknown, opts: { idempotent?: boolean } = {}): Response {
  if (e instanceof AppError) {
    const r = appErrorResult(e);
    return json(r.body, { status: r.status });
  }
  if (isDatabaseUnavailable(e)) {
    log.warn("api request: database unavailable", { error: e });
    return jsonError(503, "UNAVAILABLE", opts.idempotent ? UNAVAILABLE_IDEMPOTENT_MESSAGE : UNAVAILABLE_MESSAGE, {}, { "Retry-After": String(UNAVAILABLE_RETRY_AFTER_S) });
  }
  log.error("api request failed", { error: e });
  return jsonError(500, "INTERNAL", "Something went wrong on our side; nothing was changed. Please retry.");
}

interface Compiled {
  e: Endpoint;
  re: RegExp;
  names: string[];
}

export interface Router {
  handle(req: Request, path: string): Promise<Response>;
  endpoints: Endpoint[];
}

export function createRouter(opts: {
  endpoints: Endpoint[];
  authenticate: (req: Request) => Promise<BearerIdentity | null>;
  /** Runs after authentication, e.g. rate limiting; may return a response to stop. */
  before?: (req: Request, identity: BearerIdentity | null, e: Endpoint) => Promise<Response | null>;
}): Router {
  const compiled: Compiled[] = opts.endpoints.map((e) => {
    const names: string[] = [];
    const re = new RegExp(`^${e.path.replace(/\{(\w+)\}/g, (_m, n) => (names.push(n), "([^/]+)"))}/?$`);
    return { e, re, names };
  });

  async function handle(req: Request, path: string): Promise<Response> {
    const matches = compiled.map((c) => ({ c, m: c.re.exec(path) })).filter((x) => x.m);
    if (!matches.length) return jsonError(404, "NOT_FOUND", "No such endpoint.");
    const hit = matches.find((x) => x.c.e.method === req.method);
    if (!hit) return jsonError(405, "METHOD_NOT_ALLOWED", `Use ${matches.map((x) => x.c.e.method).join(", ")}.`, {}, { Allow: matches.map((x) => x.c.e.method).join(", ") });
    const { e, names } = hit.c;
    try {
      const identity = await opts.authenticate(req);
      if (e.auth && !identity) return jsonError(401, "UNAUTHENTICATED", "Missing, unknown or expired bearer token.", {}, { "WWW-Authenticate": 'Bearer realm="api"' });
      const stop = await opts.before?.(req, identity, e);
      if (stop) return stop;

      let rawParams: Record<string, string>;
      try {
        rawParams = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(hit.m![i + 1])]));
      } catch {
        return jsonError(400, "VALIDATION", "Malformed percent-encoding in the path.", { fieldErrors: { path: ["invalid"] } });
      }
      refuseNulCharacters(rawParams);
      const params = parsePart(e.params, rawParams, "path");
      const rawQuery = Object.fromEntries(new URL(req.url).searchParams);
      refuseNulCharacters(rawQuery);
      const query = parsePart(e.query, rawQuery, "query");
      let body: unknown = undefined;
      if (e.body) {
        const text = await readText(req);
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          return jsonError(400, "BAD_JSON", "The request body is not valid JSON.");
        }
        refuseNulCharacters(json);
        body = parsePart(e.body, json, "body");
      }
      const idempotencyKey = req.headers.get("idempotency-key");
      if (e.idempotencyKey === "required" && !idempotencyKey) {
        return jsonError(400, "IDEMPOTENCY_KEY_REQUIRED", "Send an Idempotency-Key header (8–100 characters) so a retried request is applied once.");
      }
      if (idempotencyKey !== null && !/^[\x21-\x7e]{8,100}$/.test(idempotencyKey)) {
        return jsonError(400, "IDEMPOTENCY_KEY_INVALID", "The Idempotency-Key must be 8–100 printable ASCII characters.");
      }
      const result = await e.handler({ req, params, query, body, identity, idempotencyKey });
      return result.body === undefined ? new Response(null, { status: result.status, headers: result.headers }) : json(result.body, { status: result.status, headers: result.headers });
    } catch (err) {
      return errorToResponse(err, { idempotent: !!e.idempotencyKey && req.headers.has("idempotency-key") });
    }
  }

  return { handle, endpoints: opts.endpoints };
}

function parsePart(schema: z.ZodType | undefined, value: unknown, where: string) {
  if (!schema) return value;
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError("VALIDATION", `Invalid request ${where}.`, { fieldErrors: issuesToFieldErrors(r.error) });
  return r.data;
}
