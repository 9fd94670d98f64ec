import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ShelfEditor } from "@/components/shelves/shelf-editor";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { listGroups } from "@/lib/shelves/groups";
import { getShelfForEdit, listShelfVersions } from "@/lib/shelves/shelf";
import { getMyStore } from "@/lib/stores/queries";
import { previewShelfAction, publishShelfAction, revertShelfDraftAction, saveShelfDraftAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("shelves");
  return { title: t("shelfTitle") };
}

export default async function ShelfPage({ params }: { params: Promise<{ storeId: string }> }) {
  const { storeId } = await params;
  const actor = await pageActor({ roles: ["SELLER"], next: `/seller/stores/${storeId}/shelf` });
  const store = await orNotFound(getMyStore(actor, storeId));
  if (store.status !== "APPROVED" && store.status !== "SUSPENDED") notFound();
  const [shelf, versions, groups] = await Promise.all([getShelfForEdit(actor, storeId), listShelfVersions(actor, storeId), listGroups(actor, storeId)]);
  const t = await getTranslations("shelves");
  const ts = await getTranslations("seller");
  return (
    <div>
      <PageHeader
        title={t("shelfTitle")}
        description={t("shelfIntro")}
        actions={
          <>
            <ButtonLink href={`/seller/stores/${storeId}/groups`} variant="secondary">
              {t("manageGroups")}
            </ButtonLink>
            {store.status === "APPROVED" && shelf.publishedVersion != null && (
              <ButtonLink href={`/s/${store.slug}`} variant="secondary" target="_blank">
                {ts("viewStorefront")}
              </ButtonLink>
            )}
          </>
        }
      />
      <ShelfEditor
        storeId={storeId}
        store={{ name: store.name, description: store.description, logoImageId: store.logoImageId }}
        groups={groups.map((g) => ({ id: g.id, name: g.name, onSaleCount: g.onSaleCount }))}
        initial={shelf}
        versions={versions}
        actions={{ save: saveShelfDraftAction, publish: publishShelfAction, revert: revertShelfDraftAction, preview: previewShelfAction }}
      />
    </div>
  );
}
