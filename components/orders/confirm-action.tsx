"use client";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";

export interface ConfirmActionProps {
  label: string;
  question: string;
  detail?: string;
  confirmLabel: string;
  keepLabel: string;
  pendingLabel: string;
  tone?: "danger" | "primary";
  /** How the opening button looks. */
  trigger?: "pill" | "pillPrimary" | "button";
  run: () => Promise<ActionResult<unknown>>;
}

const triggers = {
  pill: "h-11 rounded-full px-5 text-base text-neutral-800 ring-1 ring-neutral-300 active:bg-neutral-100",
  pillPrimary: "h-11 rounded-full bg-brand-500 px-6 text-base font-medium text-white active:bg-brand-600",
  button: "h-10 rounded-lg px-4 text-sm font-medium text-neutral-800 ring-1 ring-neutral-300 hover:bg-neutral-50",
} as const;

/**
 * A button for something that can't be undone (cancel, confirm receipt, close): it asks
 * first in a small sheet, then runs the action and shows its error in place if it fails.
 */
export function ConfirmAction({ label, question, detail, confirmLabel, keepLabel, pendingLabel, tone = "primary", trigger = "pill", run }: ConfirmActionProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    confirmRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && !pending && setOpen(false);
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open, pending]);

  const confirm = () =>
    startTransition(async () => {
      setError(null);
      const r = await run();
      if (r.ok) setOpen(false);
      else setError(r.error);
    });

  return (
    <>
      <button type="button" className={triggers[trigger]} onClick={() => (setError(null), setOpen(true))}>
        {label}
      </button>
      {!open && error && (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      )}
      {open && (
        <div className="fixed inset-0 z-40 flex items-end justify-center bg-black/40 sm:items-center" onClick={() => !pending && setOpen(false)}>
          <div
            role="alertdialog"
            aria-modal="true"
            aria-labelledby={`${id}-q`}
            aria-describedby={detail ? `${id}-d` : undefined}
            className="w-full max-w-md rounded-t-2xl bg-white px-4 pt-5 pb-[max(1rem,env(safe-area-inset-bottom))] sm:rounded-2xl"
            onClick={(e) => e.stopPropagation()}
          >
            <p id={`${id}-q`} className="text-center text-base font-semibold text-neutral-900">
              {question}
            </p>
            {detail && (
              <p id={`${id}-d`} className="mt-2 text-center text-sm text-neutral-600">
                {detail}
              </p>
            )}
            {error && (
              <p role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
                {error}
              </p>
            )}
            <div className="mt-5 grid grid-cols-2 gap-3">
              <button type="button" onClick={() => setOpen(false)} disabled={pending} className="h-11 rounded-full text-base text-neutral-800 ring-1 ring-neutral-300">
                {keepLabel}
              </button>
              <button
                ref={confirmRef}
                type="button"
                onClick={confirm}
                disabled={pending}
                aria-busy={pending}
                className={`h-11 rounded-full text-base font-medium text-white disabled:opacity-70 ${tone === "danger" ? "bg-red-600 active:bg-red-700" : "bg-brand-500 active:bg-brand-600"}`}
              >
                {pending ? pendingLabel : confirmLabel}
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}
