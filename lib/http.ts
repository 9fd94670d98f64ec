import "server-only";
// JSON route handlers: one error shape, { error: { code, message, fieldErrors? } }.
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE, UNAVAILABLE_RETRY_AFTER_S } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

export function errorResponse(e: unknown, headers?: HeadersInit): Response {
  if (e instanceof AppError) {
    return Response.json({ error: { code: e.code, message: e.message, ...(e.fieldErrors ? { fieldErrors: e.fieldErrors } : {}) } }, { status: e.status, headers });
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
