import type { FormState } from "@/lib/actions/result";
import { Notice } from "./notice";

/** The banner above a form: the failure's message, or a success line. */
export function FormStatus({ state, success }: { state: FormState<unknown>; success?: string }) {
  if (!state) return null;
  if (!state.ok) return <Notice tone="error">{state.error}</Notice>;
  return success ? <Notice tone="success">{success}</Notice> : null;
}
