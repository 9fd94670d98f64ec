import "server-only";
// JSON route handlers: one error shape, { error: { code, message, fieldErrors? } }.
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

export function errorResponse(e: unknown, headers?: HeadersInit): Response {
  if (e instanceof AppError) {
    return Response.json({ error: { code: e.code, message: e.message, ...(e.fieldErrors ? { fieldErrors: e.fieldErrors } : {}) } }, { status: e.status, headers });
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
