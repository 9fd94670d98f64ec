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
