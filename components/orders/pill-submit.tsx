"use client";
import { useFormStatus } from "react-dom";

/** The big round main button of a mobile bottom bar; disabled while its form submits (no double orders). */
export function PillSubmit({ children, pendingLabel }: { children: React.ReactNode; pendingLabel: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className="inline-flex h-11 min-w-32 items-center justify-center gap-2 rounded-full bg-brand-500 px-6 text-base font-medium text-white active:bg-brand-600 disabled:opacity-70"
    >
      {pending && <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" />}
      {pending ? pendingLabel : children}
    </button>
  );
}
