import { useTranslations } from "next-intl";
import type { StoreSummary } from "@/lib/storefront/types";
import { StoreHeader } from "./store-header";

/** A suspended store: who it is, and that it is closed for now. No items. */
export function ClosedStore({ store }: { store: StoreSummary }) {
  const t = useTranslations("store");
  return (
    <div>
      <StoreHeader store={store} />
      <div role="status" className="mx-4 mt-6 rounded-xl bg-white px-6 py-10 text-center ring-1 ring-neutral-200">
        <p aria-hidden className="text-4xl">🔒</p>
        <h2 className="mt-3 text-lg font-semibold text-neutral-900">{t("closedTitle")}</h2>
        <p className="mt-2 text-sm text-neutral-600">{t("closedBody")}</p>
        {store.statusReason && <p className="mt-3 text-xs text-neutral-500">{t("closedReason", { reason: store.statusReason })}</p>}
      </div>
    </div>
  );
}
