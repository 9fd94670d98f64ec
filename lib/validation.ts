import { z } from "zod";
import { AppError, type FieldErrors } from "@/lib/errors";

/** zod issues → { "path.to.field": [message or message key] } */
export function issuesToFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** Domain-side parse: bad input becomes a VALIDATION AppError with field errors, never a crash. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new AppError("VALIDATION", "Invalid input.", { fieldErrors: issuesToFieldErrors(r.error) });
  return r.data;
}

/**
 * NUL, or half of a UTF-16 surrogate pair without its other half: text that is not a string of
 * Unicode characters. Postgres cannot store NUL and refuses the whole statement; a lone
 * surrogate is no character at all (seen as 500s from "\ud800" in a title or an order).
 */
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const BAD_TEXT_ALL = new RegExp(BAD_TEXT.source, "g");

/** True when the string holds NUL or a lone surrogate (see BAD_TEXT). */
export const isBadText = (s: string): boolean => BAD_TEXT.test(s);

/**
 * The path ("lines.0.title", "_form" for a bare string) of the first string in `value` that
 * holds NUL or a lone surrogate, or null: such input is turned away as invalid before it
 * reaches the database (seen as 500s when an id or a name carried "%00" or "\ud800").
 */
export function nulCharacterPath(value: unknown, path: (string | number)[] = [], depth = 0): string | null {
  if (typeof value === "string") return isBadText(value) ? path.join(".") || "_form" : null;
  if (depth > 50 || value === null || typeof value !== "object") return null;
  for (const [k, v] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    if (typeof k === "string" && isBadText(k)) return [...path, k.replace(BAD_TEXT_ALL, "")].join(".") || "_form";
    const found = nulCharacterPath(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return null;
}

/** Throws VALIDATION when `value` holds a NUL character or a lone surrogate anywhere (see nulCharacterPath). */
export function refuseNulCharacters(value: unknown): void {
  const at = nulCharacterPath(value);
  if (at) throw new AppError("VALIDATION", "Text may not contain the NUL character or broken (unpaired surrogate) characters.", { fieldErrors: { [at]: ["invalidCharacters"] } });
}

/** Postgres's int8 (bigint) maximum: row ids from clients above it are no row (and a query with one fails). */
export const INT8_MAX = 9_223_372_036_854_775_807n;

/** A positive bigint row id written in decimal, within int8. */
export function isInt8Id(v: string): boolean {
  return /^[1-9]\d{0,18}$/.test(v) && BigInt(v) <= INT8_MAX;
}
