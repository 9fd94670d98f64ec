import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PlatformOverview } from "@/components/metrics/platform-overview";
import { PageHeader } from "@/components/ui/card";
import { pageActor } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";
import { getPlatformOverview } from "@/lib/metrics/platform";
import { countStoresByStatus } from "@/lib/stores/queries";

type SearchParams = Record<string, string | string[] | undefined>;
const param = (sp: SearchParams, k: string) => {
  const v = sp[k];
  const s = Array.isArray(v) ? v[0] : v;
  return s?.trim() ? s.trim() : undefined;
};

export default async function AdminHome({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await pageActor({ roles: ["ADMIN"], next: "/admin" });
  const sp = await searchParams;
  // A bad range in the URL falls back to the default one.
  const overview = await getPlatformOverview(actor, { range: param(sp, "range") as "custom" | undefined, from: param(sp, "from"), to: param(sp, "to") }).catch((e) => {
    if (e instanceof AppError && e.code === "VALIDATION") return getPlatformOverview(actor);
    throw e;
  });
  const t = await getTranslations("admin");
  const ts = await getTranslations("onboarding.status");
  const counts = await countStoresByStatus(actor);
  const tiles = [
    { status: "PENDING", href: "/admin/applications", tone: "text-amber-700" },
    { status: "APPROVED", href: "/admin/stores?status=APPROVED", tone: "text-brand-700" },
    { status: "SUSPENDED", href: "/admin/stores?status=SUSPENDED", tone: "text-red-700" },
    { status: "REJECTED", href: "/admin/stores?status=REJECTED", tone: "text-neutral-700" },
  ] as const;
  return (
    <>
      <PageHeader title={t("overviewTitle")} />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {tiles.map((tile) => (
          <li key={tile.status}>
            <Link href={tile.href} className="block rounded-xl bg-white p-5 shadow-sm ring-1 ring-neutral-200 hover:ring-brand-500">
              <p className="text-sm text-neutral-500">{ts(tile.status)}</p>
              <p className={`mt-1 text-3xl font-semibold ${tile.tone}`}>{counts[tile.status] ?? 0}</p>
            </Link>
          </li>
        ))}
      </ul>
      <div className="mt-8">
        <PlatformOverview overview={overview} />
      </div>
    </>
  );
}
