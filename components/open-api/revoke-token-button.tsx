"use client";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/result";

type Revoke = (input: { storeId: string; tokenId: string }) => Promise<ActionResult<null>>;

/** Revoke, with a confirmation step (a revoked token cannot be brought back). */
export function RevokeTokenButton({ storeId, tokenId, name, action }: { storeId: string; tokenId: string; name: string; action: Revoke }) {
  const t = useTranslations("openapi.tokens");
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (!confirming) {
    return (
      <Button variant="secondary" size="sm" aria-label={t("revokeLabel", { name })} onClick={() => setConfirming(true)}>
        {t("revoke")}
      </Button>
    );
  }
  return (
    <div className="space-y-2">
      <p className="text-xs text-neutral-700">{t("revokeWarning", { name })}</p>
      <div className="flex gap-2">
        <Button
          variant="danger"
          size="sm"
          disabled={pending}
          aria-label={t("confirmRevokeLabel", { name })}
          onClick={() =>
            start(async () => {
              const r = await action({ storeId, tokenId });
              if (r.ok) setConfirming(false);
              else setError(r.error);
            })
          }
        >
          {pending ? t("revoking") : t("confirmRevoke")}
        </Button>
        <Button variant="ghost" size="sm" disabled={pending} onClick={() => setConfirming(false)}>
          {t("cancel")}
        </Button>
      </div>
      {error && (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
