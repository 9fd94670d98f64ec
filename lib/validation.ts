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
 * The path ("lines.0.title", "_form" for a bare string) of the first string in `value` that
 * contains the NUL character, or null. Postgres cannot store NUL in text and refuses the
 * whole statement, so such input is turned away as invalid before it gets there (seen as
 * 500s when an id or a name carried "%00").
 */
export function nulCharacterPath(value: unknown, path: (string | number)[] = [], depth = 0): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") || "_form" : null;
  if (depth > 50 || value === null || typeof value !== "object") return null;
  for (const [k, v] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    if (typeof k === "string" && k.includes("\u0000")) return [...path, k.replace(/\u0000/g, "")].join(".") || "_form";
    const found = nulCharacterPath(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return null;
}

/** Throws VALIDATION when `value` holds a NUL character anywhere (see nulCharacterPath). */
export function refuseNulCharacters(value: unknown): void {
  const at = nulCharacterPath(value);
  if (at) throw new AppError("VALIDATION", "Text may not contain the NUL character.", { fieldErrors: { [at]: ["invalidCharacters"] } });
}
