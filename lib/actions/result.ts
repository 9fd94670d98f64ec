// The one result shape of every server action (and of forms using useActionState).
export type FieldErrors = Record<string, string[]>;

export type ActionResult<T = null> =
  | { ok: true; data: T }
  | { ok: false; code: string; error: string; fieldErrors?: FieldErrors };

/** useActionState state: null before the first submit; echoes what was typed on failure. */
export type FormState<T = null> = (ActionResult<T> & { values?: Record<string, string> }) | null;

export function firstError(state: FormState<unknown> | ActionResult<unknown> | null | undefined, field: string): string | undefined {
  return state && !state.ok ? state.fieldErrors?.[field]?.[0] : undefined;
}
