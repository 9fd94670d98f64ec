import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { GroupItemsEditor } from "@/components/shelves/group-items-editor";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { getGroup } from "@/lib/shelves/groups";
import { getMyStore } from "@/lib/stores/queries";
import { searchPickableItemsAction, setGroupItemsAction } from "../actions";

type Props = { params: Promise<{ storeId: string; groupId: string }> };

export async function generateMetadata() {
  const t = await getTranslations("shelves");
  return { title: t("groupsTitle") };
}

export default async function GroupPage({ params }: Props) {
  const { storeId, groupId } = await params;
  const actor = await pageActor({ roles: ["SELLER"], next: `/seller/stores/${storeId}/groups/${groupId}` });
  const store = await orNotFound(getMyStore(actor, storeId));
  if (store.status !== "APPROVED" && store.status !== "SUSPENDED") notFound();
  const group = await orNotFound(getGroup(actor, groupId));
  // A group of another of the seller's stores under this store's address: not here.
  if (group.storeId !== storeId) notFound();
  const t = await getTranslations("shelves");
  return (
    <div className="space-y-6">
      <PageHeader
        title={group.name}
        description={t("groupIntro")}
        actions={
          <ButtonLink href={`/seller/stores/${storeId}/groups`} variant="secondary">
            {t("allGroups")}
          </ButtonLink>
        }
      />
      <GroupItemsEditor
        storeId={storeId}
        groupId={group.id}
        initialItems={group.items}
        updatedAt={group.updatedAt}
        actions={{ save: setGroupItemsAction, search: searchPickableItemsAction }}
      />
    </div>
  );
}
