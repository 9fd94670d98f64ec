import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ConsoleShell } from "@/components/shell/console-shell";
import { StoreStatusBadge } from "@/components/stores/store-status-badge";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { pageActor } from "@/lib/auth/guards";
import { listMyStores } from "@/lib/stores/queries";
import Image from "next/image";
import { mediaSrc } from "@/lib/media/variants";

export default async function SellerHome() {
  const actor = await pageActor({ roles: ["SELLER"], next: "/seller" });
  const t = await getTranslations("seller");
  const stores = await listMyStores(actor);
  return (
    <ConsoleShell brand={t("brand")} brandHref="/seller" userName={actor.name}>
      <PageHeader title={t("myStores")} actions={<ButtonLink href="/seller/apply">{t("applyNew")}</ButtonLink>} />
      {stores.length === 0 ? (
        <EmptyState title={t("noStores")}>{t("noStoresHint")}</EmptyState>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {stores.map((s) => (
            <li key={s.id}>
              <Link href={`/seller/stores/${s.id}`} className="flex items-center gap-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-neutral-200 hover:ring-brand-500">
                <div className="relative size-14 shrink-0 overflow-hidden rounded-lg bg-neutral-100">
                  {s.logoImageId && <Image src={mediaSrc(s.logoImageId)} alt="" fill sizes="56px" className="object-cover" />}
                </div>
                <div className="min-w-0">
                  <p className="truncate font-medium">{s.name}</p>
                  <p className="text-sm text-neutral-500">/s/{s.slug}</p>
                  <div className="mt-1">
                    <StoreStatusBadge status={s.status} />
                  </div>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </ConsoleShell>
  );
}
