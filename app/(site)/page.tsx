import Image from "next/image";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/site/site-header";
import { ButtonLink } from "@/components/ui/button";
import { mediaSrc } from "@/lib/media/variants";
import { listOpenStores } from "@/lib/stores/directory";

export default async function Home() {
  const t = await getTranslations("site");
  const stores = await listOpenStores();
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-5xl px-4 pb-16">
        <section className="py-10 text-center sm:py-16">
          <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{t("heroTitle")}</h1>
          <p className="mx-auto mt-3 max-w-xl text-neutral-600">{t("heroBody")}</p>
          <div className="mt-6 flex justify-center gap-3">
            <ButtonLink href="/seller/apply">{t("openStore")}</ButtonLink>
            <ButtonLink href="#stores" variant="secondary">
              {t("browse")}
            </ButtonLink>
          </div>
        </section>
        <section id="stores" aria-labelledby="stores-heading">
          <h2 id="stores-heading" className="mb-4 text-lg font-semibold">
            {t("storesHeading")}
          </h2>
          {stores.length === 0 ? (
            <p className="text-neutral-500">{t("noStores")}</p>
          ) : (
            <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {stores.map((s) => (
                <li key={s.id}>
                  <Link href={`/s/${s.slug}`} className="flex gap-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-neutral-200 transition hover:ring-brand-500">
                    <div className="relative size-16 shrink-0 overflow-hidden rounded-xl bg-neutral-100">
                      {s.logoImageId && <Image src={mediaSrc(s.logoImageId)} alt="" fill sizes="64px" className="object-cover" />}
                    </div>
                    <div className="min-w-0">
                      <p className="font-medium">{s.name}</p>
                      <p className="line-clamp-2 text-sm text-neutral-500">{s.description}</p>
                      <p className="mt-1 text-xs text-neutral-400">{t("itemsOnSale", { count: s.itemsOnSale })}</p>
                    </div>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </>
  );
}
