import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ItemEditor } from "@/components/catalog/item-editor";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { getItemForEdit, listCategories } from "@/lib/catalog/queries";

export default async function EditItemPage({
  params,
  searchParams,
}: {
  params: Promise<{ storeId: string; itemId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { storeId, itemId } = await params;
  const actor = await pageActor({ roles: ["SELLER"], next: `/seller/stores/${storeId}/items/${itemId}` });
  const item = await orNotFound(getItemForEdit(actor, itemId));
  // The item exists but under another of the seller's stores: not at this address.
  if (item.storeId !== storeId) notFound();
  const [categories, locale, t, sp] = await Promise.all([listCategories(), getLocale(), getTranslations("catalog.editor"), searchParams]);
  return (
    <div className="max-w-5xl">
      <PageHeader
        title={item.title}
        description={t("editIntro")}
        actions={
          <ButtonLink href={`/seller/stores/${storeId}/stock?itemId=${item.id}`} variant="secondary">
            {t("stockHistory")}
          </ButtonLink>
        }
      />
      <ItemEditor
        storeId={storeId}
        storeStatus={item.storeStatus}
        categories={categories.map((c) => ({ id: c.id, name: locale === "en" ? c.nameEn : c.nameZh }))}
        item={{
          id: item.id,
          version: item.version,
          status: item.status,
          title: item.title,
          categoryId: item.categoryId,
          mainImageId: item.mainImageId,
          galleryImageIds: item.galleryImageIds,
          description: item.description,
          specs: item.specs,
          buyLimit: item.buyLimit,
          postageMode: item.postageMode,
          postageFen: item.postageFen,
          postageExtraFen: item.postageExtraFen,
          skus: item.skus,
        }}
        created={sp.created === "1"}
      />
    </div>
  );
}
