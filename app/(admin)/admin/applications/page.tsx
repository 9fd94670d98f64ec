import { getTranslations } from "next-intl/server";
import { StoreTable } from "@/components/admin/store-table";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { pageActor } from "@/lib/auth/guards";
import { listStoresForAdmin } from "@/lib/stores/queries";

export default async function ApplicationsQueue() {
  const actor = await pageActor({ roles: ["ADMIN"], next: "/admin/applications" });
  const t = await getTranslations("admin");
  const stores = await listStoresForAdmin(actor, { status: "PENDING" });
  return (
    <>
      <PageHeader title={t("applicationsTitle")} description={t("applicationsIntro")} />
      {stores.length === 0 ? <EmptyState title={t("queueEmpty")} /> : <StoreTable stores={stores} />}
    </>
  );
}
