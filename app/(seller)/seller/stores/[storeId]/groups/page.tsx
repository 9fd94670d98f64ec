import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { GroupCreateForm } from "@/components/shelves/group-create-form";
import { GroupListManager } from "@/components/shelves/group-list-manager";
import { Card, PageHeader } from "@/components/ui/card";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { listGroups } from "@/lib/shelves/groups";
import { getMyStore } from "@/lib/stores/queries";
import { createGroupAction, deleteGroupAction, renameGroupAction, reorderGroupsAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("shelves");
  return { title: t("groupsTitle") };
}

export default async function GroupsPage({ params }: { params: Promise<{ storeId: string }> }) {
  const { storeId } = await params;
  const actor = await pageActor({ roles: ["SELLER"], next: `/seller/stores/${storeId}/groups` });
  const store = await orNotFound(getMyStore(actor, storeId));
  if (store.status !== "APPROVED" && store.status !== "SUSPENDED") notFound();
  const groups = await listGroups(actor, storeId);
  const t = await getTranslations("shelves");
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title={t("groupsTitle")} description={t("groupsIntro")} />
      <Card>
        <GroupCreateForm storeId={storeId} action={createGroupAction} />
      </Card>
      <GroupListManager storeId={storeId} groups={groups} actions={{ rename: renameGroupAction, remove: deleteGroupAction, reorder: reorderGroupsAction }} />
    </div>
  );
}
