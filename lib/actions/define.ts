import "server-only";
// Thin, uniform server actions: parse input with zod, authenticate, call lib/, and turn
// known errors into { ok:false, code, error, fieldErrors } in the user's language.
// Unknown errors are logged and reported generically.
import { refresh } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { en as zodEn, zhCN as zodZhCN } from "zod/v4/locales";
import type { Actor, Role } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/session";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { currentLocale, translator } from "@/lib/i18n/server";
import type { Locale } from "@/lib/i18n/config";
import { log } from "@/lib/log";
import { refuseNulCharacters } from "@/lib/validation";
import type { ActionResult, FieldErrors, FormState } from "./result";

export type AuthRule = "public" | "signedIn" | Role[];

interface Ctx {
  actor: Actor | null;
}

const zodLocales = { "zh-CN": zodZhCN(), en: zodEn() } as const;

function checkAuth(rule: AuthRule, actor: Actor | null) {
  if (rule === "public") return;
  if (!actor) throw new AppError("UNAUTHENTICATED", "Please sign in.");
  if (rule !== "signedIn" && !rule.includes(actor.role)) throw new AppError("NOT_FOUND", "Not found");
}

/** Field errors from zod, with our message keys translated and zod's own messages localised. */
export function zodFieldErrors(error: z.ZodError, locale: Locale): FieldErrors {
  const t = translator(locale, "errors.fields");
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    const msg = t.has(issue.message) ? t(issue.message) : issue.message;
    (out[key] ??= []).push(msg);
  }
  return out;
}

export function toFailure(e: unknown, locale: Locale): Extract<ActionResult, { ok: false }> {
  const t = translator(locale, "errors");
  if (e instanceof AppError) {
    const tf = translator(locale, "errors.fields");
    const fieldErrors = e.fieldErrors
      ? Object.fromEntries(Object.entries(e.fieldErrors).map(([k, v]) => [k, v.map((m) => (tf.has(m) ? tf(m) : m))]))
      : undefined;
    const specific = e.details?.messageKey as string | undefined;
    const error = specific && t.has(`messages.${specific}`) ? t(`messages.${specific}`, e.details?.messageValues as never) : t(`codes.${e.code}`);
    return { ok: false, code: e.code, error, fieldErrors };
  }
  if (isDatabaseUnavailable(e)) {
    log.warn("action: database unavailable", { error: e });
    return { ok: false, code: "UNAVAILABLE", error: t("codes.UNAVAILABLE") };
  }
  log.error("action failed", { error: e });
  return { ok: false, code: "INTERNAL", error: t("codes.INTERNAL") };
}

async function run<S extends z.ZodType, T>(
  schema: S,
  rule: AuthRule,
  raw: unknown,
  handler: (input: z.output<S>, ctx: Ctx) => Promise<T>,
): Promise<ActionResult<T>> {
  const locale = await currentLocale();
  try {
    const actor = await getActor();
    checkAuth(rule, actor);
    refuseNulCharacters(raw);
    const parsed = schema.safeParse(raw, { error: zodLocales[locale].localeError });
    if (!parsed.success) {
      return { ok: false, code: "VALIDATION", error: translator(locale, "errors")("codes.VALIDATION"), fieldErrors: zodFieldErrors(parsed.error, locale) };
    }
    const data = await handler(parsed.data, { actor });
    // Re-render the page the action came from with what changed (no-op outside Next).
    if (process.env.NEXT_RUNTIME) refresh();
    return { ok: true, data };
  } catch (e) {
    unstable_rethrow(e); // redirect() and notFound() are control flow, not failures
    return toFailure(e, locale);
  }
}

/** An action called with a typed object (client components, buttons). */
export function defineAction<S extends z.ZodType, T>(
  opts: { input: S; auth: AuthRule },
  handler: (input: z.output<S>, ctx: Ctx) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return (input) => run(opts.input, opts.auth, input, handler);
}

const SECRET_FIELD = /password|secret|token/i;

/** FormData → plain object. `name[]` collects arrays; files stay files; `$ACTION_*` is Next's. */
export function formDataToObject(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of fd.entries()) {
    if (key.startsWith("$ACTION")) continue;
    if (key.endsWith("[]")) {
      const k = key.slice(0, -2);
      ((out[k] ??= []) as unknown[]).push(value);
    } else out[key] = value;
  }
  return out;
}

/** An action for `useActionState` forms: on failure it hands back what was typed (never secrets). */
export function defineFormAction<S extends z.ZodType, T>(
  opts: { input: S; auth: AuthRule },
  handler: (input: z.output<S>, ctx: Ctx) => Promise<T>,
): (prev: FormState<T>, formData: FormData) => Promise<FormState<T>> {
  return async (_prev, formData) => {
    const result = await run(opts.input, opts.auth, formDataToObject(formData), handler);
    if (result.ok) return result;
    const values: Record<string, string> = {};
    for (const [k, v] of formData.entries()) if (typeof v === "string" && !k.startsWith("$ACTION") && !SECRET_FIELD.test(k)) values[k] = v;
    return { ...result, values };
  };
}
