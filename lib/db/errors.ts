// Telling "the database is unreachable right now" apart from everything else, so callers
// can answer 503 + Retry-After (a retry will work) instead of a 500.

const UNAVAILABLE_PRISMA = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const UNAVAILABLE_PG = new Set(["57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006", "53300"]);
const UNAVAILABLE_TEXT = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection terminated|connection timeout|Can't reach database|server closed the connection|terminating connection|the database system is (starting up|shutting down)|too many clients|DatabaseNotReachable|ConnectionClosed|SocketTimeout|timeout exceeded when trying to connect|Timed out fetching a new connection/i;

export function isDatabaseUnavailable(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== "object" || depth > 5) return false;
  const err = e as { code?: unknown; message?: unknown; cause?: unknown; meta?: unknown; kind?: unknown };
  if (typeof err.code === "string" && (UNAVAILABLE_PRISMA.has(err.code) || UNAVAILABLE_PG.has(err.code))) return true;
  if (typeof err.kind === "string" && /DatabaseNotReachable|ConnectionClosed|SocketTimeout|TooManyConnections/.test(err.kind)) return true;
  if (typeof err.message === "string" && UNAVAILABLE_TEXT.test(err.message)) return true;
  if (err.meta && typeof err.meta === "object" && isDatabaseUnavailable((err.meta as { driverAdapterError?: unknown }).driverAdapterError, depth + 1)) return true;
  return isDatabaseUnavailable(err.cause, depth + 1);
}

/** A unique-index violation (Prisma's P2002, or Postgres 23505 from a raw statement), optionally on `field`. */
export function isUniqueViolation(e: unknown, field?: string): boolean {
  if (!e || typeof e !== "object") return false;
  const err = e as { code?: string; message?: string; meta?: unknown };
  const text = `${err.message ?? ""} ${JSON.stringify(err.meta ?? {})}`;
  if (err.code !== "P2002" && !/23505|duplicate key|Unique constraint/i.test(text)) return false;
  return !field || text.includes(field);
}

/** Seconds a client should wait before retrying when the database is down. */
export const UNAVAILABLE_RETRY_AFTER_S = 2;
/**
 * What a client is told when the database is unreachable. Not "nothing was changed": the
 * connection can drop after a commit and before its answer, so a retry must be safe instead
 * (the APIs' Idempotency-Key makes it so; reads are safe anyway).
 */
export const UNAVAILABLE_MESSAGE = "Temporarily unavailable; please retry shortly.";
/** Added for a request that carried an Idempotency-Key to an endpoint that honours one. */
export const UNAVAILABLE_IDEMPOTENT_MESSAGE = `${UNAVAILABLE_MESSAGE} A retry with the same Idempotency-Key is applied at most once.`;
