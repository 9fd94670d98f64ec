"use client";
import { useFormStatus } from "react-dom";
import { Button, type ButtonStyle } from "./button";

/** A submit button that disables itself (no double submits) and says it is working. */
export function SubmitButton({ children, pendingLabel, ...style }: { children: React.ReactNode; pendingLabel?: string; name?: string; value?: string } & ButtonStyle) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending} aria-disabled={pending} {...style}>
      {pending && <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" />}
      {pending && pendingLabel ? pendingLabel : children}
    </Button>
  );
}
