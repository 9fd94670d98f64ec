import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { StoreTable } from "@/components/admin/store-table";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { controlClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { pageActor } from "@/lib/auth/guards";
import { listStoresForAdmin } from "@/lib/stores/queries";

const filters = z.object({
  status: z.enum(["PENDING", "APPROVED", "REJECTED", "SUSPENDED"]).optional().catch(undefined),
  q: z.string().max(100).optional().catch(undefined),
});

export default async function StoresPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await pageActor({ roles: ["ADMIN"], next: "/admin/stores" });
  const { status, q } = filters.parse(await searchParams);
  const t = await getTranslations("admin");
  const ts = await getTranslations("onboarding.status");
  const stores = await listStoresForAdmin(actor, { status, query: q });
  return (
    <>
      <PageHeader title={t("storesTitle")} />
      <form className="mb-4 flex flex-wrap items-end gap-3" role="search">
        <div>
          <label htmlFor="q" className="block text-sm text-neutral-600">
            {t("search")}
          </label>
          <input id="q" name="q" defaultValue={q} className={`${controlClass} w-64`} />
        </div>
        <div>
          <label htmlFor="status" className="block text-sm text-neutral-600">
            {t("statusFilter")}
          </label>
          <select id="status" name="status" defaultValue={status ?? ""} className={controlClass}>
            <option value="">{t("allStatuses")}</option>
            {(["PENDING", "APPROVED", "SUSPENDED", "REJECTED"] as const).map((s) => (
              <option key={s} value={s}>
                {ts(s)}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">
          {t("filter")}
        </Button>
      </form>
      {stores.length === 0 ? <EmptyState title={t("noStores")} /> : <StoreTable stores={stores} />}
    </>
  );
}
