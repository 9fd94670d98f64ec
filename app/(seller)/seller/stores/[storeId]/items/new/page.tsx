import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ItemEditor } from "@/components/catalog/item-editor";
import { PageHeader } from "@/components/ui/card";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { listCategories } from "@/lib/catalog/queries";
import { getMyStore } from "@/lib/stores/queries";

export default async function NewItemPage({ params }: { params: Promise<{ storeId: string }> }) {
  const { storeId } = await params;
  const actor = await pageActor({ roles: ["SELLER"], next: `/seller/stores/${storeId}/items/new` });
  const store = await orNotFound(getMyStore(actor, storeId));
  if (store.status !== "APPROVED" && store.status !== "SUSPENDED") notFound();
  const [categories, locale, t] = await Promise.all([listCategories(), getLocale(), getTranslations("catalog.editor")]);
  return (
    <div className="max-w-5xl">
      <PageHeader title={t("newTitle")} description={t("newIntro")} />
      <ItemEditor
        storeId={storeId}
        storeStatus={store.status}
        categories={categories.map((c) => ({ id: c.id, name: locale === "en" ? c.nameEn : c.nameZh }))}
        item={null}
      />
    </div>
  );
}
