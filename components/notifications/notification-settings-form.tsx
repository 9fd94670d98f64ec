"use client";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { saveNotificationSettingsAction } from "@/lib/notifications/actions";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";

export interface KindSetting {
  kind: string;
  mutable: boolean;
  muted: boolean;
}

/** One switch per kind of notification the user's role gets; those that must reach them are shown fixed on. */
export function NotificationSettingsForm({ settings }: { settings: KindSetting[] }) {
  const t = useTranslations("notifications");
  const [state, action] = useActionState(saveNotificationSettingsAction, null);
  // Controlled, so what the user chose stays on screen whatever the outcome.
  const [on, setOn] = useState<Record<string, boolean>>(() => Object.fromEntries(settings.map((s) => [s.kind, !s.muted])));

  return (
    <form action={action} className="space-y-4">
      <FormStatus state={state} success={t("settingsSaved")} />
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-neutral-900">{t("settingsLegend")}</legend>
        <ul className="divide-y divide-neutral-100 rounded-xl bg-white ring-1 ring-neutral-200">
          {settings.map((s) => {
            const id = `notify-${s.kind}`;
            return (
              <li key={s.kind} className="flex min-h-12 items-center justify-between gap-4 px-4 py-2">
                <label htmlFor={id} className="text-sm text-neutral-800">
                  {t(`kindLabels.${s.kind}`)}
                  {!s.mutable && <span className="ml-2 text-xs text-neutral-500">({t("alwaysOn")})</span>}
                </label>
                <input
                  id={id}
                  type="checkbox"
                  name={s.mutable ? "enabled[]" : undefined}
                  value={s.kind}
                  checked={s.mutable ? !!on[s.kind] : true}
                  disabled={!s.mutable}
                  onChange={(e) => setOn((prev) => ({ ...prev, [s.kind]: e.target.checked }))}
                  className="size-5 shrink-0 accent-brand-500"
                />
              </li>
            );
          })}
        </ul>
      </fieldset>
      <SubmitButton pendingLabel={t("savingSettings")}>{t("saveSettings")}</SubmitButton>
    </form>
  );
}
