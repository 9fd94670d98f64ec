"use client";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useState, useTransition } from "react";
import { deleteAddressAction, saveAddressAction, setDefaultAddressAction } from "@/lib/orders/actions/addresses";
import { Notice } from "@/components/ui/notice";
import { firstError } from "@/lib/actions/result";
import { AddressFields, formatAddress } from "./address-fields";
import type { SavedAddress } from "./checkout-form";
import { ConfirmAction } from "./confirm-action";
import { PillSubmit } from "./pill-submit";

const MAX_ADDRESSES = 20;

function AddressForm({ address, onDone, onCancel }: { address: SavedAddress | null; onDone: () => void; onCancel: () => void }) {
  const t = useTranslations("orders.addressBook");
  const [state, formAction] = useActionState(saveAddressAction, null);
  const v = state?.values ?? (address ? { ...address } : {});
  const err = (k: string) => firstError(state, k);
  useEffect(() => {
    if (state?.ok) onDone();
  }, [state, onDone]);

  return (
    <form action={formAction} noValidate className="space-y-3 bg-white px-4 py-4" aria-label={address ? t("editTitle") : t("addTitle")}>
      <h2 className="text-base font-semibold">{address ? t("editTitle") : t("addTitle")}</h2>
      {state && !state.ok && <Notice tone="error">{state.fieldErrors?._form?.[0] ?? state.error}</Notice>}
      {address && <input type="hidden" name="id" value={address.id} />}
      <AddressFields values={v} errors={err} idPrefix="book" />
      {!address?.isDefault && (
        <label className="flex min-h-11 items-center gap-2 text-sm text-neutral-700">
          <input type="checkbox" name="makeDefault" defaultChecked={state?.values?.makeDefault === "on"} className="size-4 accent-brand-500" />
          {t("makeDefault")}
        </label>
      )}
      <div className="flex justify-end gap-3">
        <button type="button" onClick={onCancel} className="h-11 rounded-full px-5 text-base text-neutral-700 ring-1 ring-neutral-300">
          {t("cancel")}
        </button>
        <PillSubmit pendingLabel={t("saving")}>{t("save")}</PillSubmit>
      </div>
    </form>
  );
}

/** The buyer's address book: add, edit, delete, choose the default. */
export function AddressBook({ addresses }: { addresses: SavedAddress[] }) {
  const t = useTranslations("orders.addressBook");
  const [editing, setEditing] = useState<string | "new" | null>(addresses.length === 0 ? "new" : null);
  const [formKey, setFormKey] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const open = (which: string | "new") => {
    setError(null);
    setFormKey((k) => k + 1);
    setEditing(which);
  };
  const close = () => setEditing(null);
  const editingAddress = editing && editing !== "new" ? (addresses.find((a) => a.id === editing) ?? null) : null;

  return (
    <div className="space-y-2 pt-2">
      {error && (
        <div className="px-4">
          <Notice tone="error">{error}</Notice>
        </div>
      )}
      {addresses.length === 0 && editing !== "new" && <p className="px-4 py-10 text-center text-sm text-neutral-500">{t("empty")}</p>}
      <ul className="space-y-2">
        {addresses.map((a) =>
          editing === a.id ? (
            <li key={a.id}>
              <AddressForm key={formKey} address={editingAddress} onDone={close} onCancel={close} />
            </li>
          ) : (
            <li key={a.id} className="bg-white px-4 py-3">
              <p className="text-sm">
                <span className="font-medium">{a.recipient}</span> <span className="tabular-nums text-neutral-600">{a.phone}</span>
                {a.isDefault && <span className="ml-2 rounded bg-brand-100 px-1 text-xs text-brand-700">{t("default")}</span>}
              </p>
              <p className="mt-0.5 text-sm text-neutral-600">{formatAddress(a)}</p>
              <div className="mt-2 flex flex-wrap items-center justify-end gap-2">
                {!a.isDefault && (
                  <button
                    type="button"
                    disabled={pending}
                    onClick={() =>
                      startTransition(async () => {
                        const r = await setDefaultAddressAction({ id: a.id });
                        setError(r.ok ? null : r.error);
                      })
                    }
                    className="h-10 rounded-lg px-3 text-sm text-neutral-700 ring-1 ring-neutral-300"
                  >
                    {t("setDefault")}
                  </button>
                )}
                <button type="button" onClick={() => open(a.id)} className="h-10 rounded-lg px-3 text-sm text-neutral-700 ring-1 ring-neutral-300">
                  {t("edit")}
                </button>
                <ConfirmAction
                  trigger="button"
                  label={t("delete")}
                  question={t("deleteQuestion")}
                  detail={`${a.recipient} ${formatAddress(a)}`}
                  confirmLabel={t("deleteConfirm")}
                  keepLabel={t("keep")}
                  pendingLabel={t("deleting")}
                  tone="danger"
                  run={() => deleteAddressAction({ id: a.id })}
                />
              </div>
            </li>
          ),
        )}
      </ul>
      {editing === "new" ? (
        <AddressForm key={formKey} address={null} onDone={close} onCancel={close} />
      ) : addresses.length < MAX_ADDRESSES ? (
        <div className="px-4 pt-2">
          <button type="button" onClick={() => open("new")} className="h-11 w-full rounded-full bg-brand-500 text-base font-medium text-white active:bg-brand-600">
            {t("add")}
          </button>
        </div>
      ) : (
        <p className="px-4 text-center text-xs text-neutral-500">{t("full", { max: MAX_ADDRESSES })}</p>
      )}
    </div>
  );
}
