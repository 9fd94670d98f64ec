import { getTranslations } from "next-intl/server";
import { ConsoleShell } from "@/components/shell/console-shell";
import { NavLink } from "@/components/shell/nav-link";
import { StoreStatusBadge } from "@/components/stores/store-status-badge";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { getMyStore } from "@/lib/stores/queries";

export default async function StoreLayout({ children, params }: { children: React.ReactNode; params: Promise<{ storeId: string }> }) {
  const { storeId } = await params;
  const actor = await pageActor({ roles: ["SELLER"], next: `/seller/stores/${storeId}` });
  const store = await orNotFound(getMyStore(actor, storeId));
  const t = await getTranslations("seller");
  const to = await getTranslations("orders.seller");
  const tpr = await getTranslations("protection");
  const tapi = await getTranslations("openapi.tokens");
  const tf = await getTranslations("funds");
  const tpromo = await getTranslations("promotions");
  const base = `/seller/stores/${storeId}`;
  const operating = store.status === "APPROVED" || store.status === "SUSPENDED";
  const links = [
    { href: base, label: t("nav.overview"), exact: true },
    ...(operating
      ? [
          { href: `${base}/orders`, label: to("nav") },
          { href: `${base}/cases`, label: tpr("nav.cases") },
          { href: `${base}/funds`, label: tf("nav") },
          { href: `${base}/items`, label: t("nav.items") },
          { href: `${base}/groups`, label: t("nav.groups") },
          { href: `${base}/shelf`, label: t("nav.shelf") },
          { href: `${base}/stock`, label: t("nav.stock") },
          { href: `${base}/coupons`, label: tpromo("nav") },
          { href: `${base}/flash-sales`, label: tpromo("navSales") },
          { href: `${base}/settings`, label: t("nav.settings") },
          { href: `${base}/api-tokens`, label: tapi("nav") },
        ]
      : []),
  ];
  const sidebar = (
    <>
      <div className="mb-3 rounded-lg bg-white p-3 ring-1 ring-neutral-200">
        <p className="truncate text-sm font-medium">{store.name}</p>
        <div className="mt-1 flex items-center justify-between">
          <StoreStatusBadge status={store.status} />
          <a href="/seller" className="text-xs text-neutral-500 hover:underline">
            {t("switchStore")}
          </a>
        </div>
      </div>
      {links.map((l) => (
        <NavLink key={l.href} href={l.href} exact={l.exact}>
          {l.label}
        </NavLink>
      ))}
    </>
  );
  return (
    <ConsoleShell brand={t("brand")} brandHref="/seller" userName={actor.name} sidebar={sidebar}>
      {/* Small screens: the same sections as a scrolling strip. */}
      <nav aria-label={t("sections")} className="-mx-4 mb-4 flex gap-1 overflow-x-auto px-4 md:hidden">
        {links.map((l) => (
          <div key={l.href} className="shrink-0">
            <NavLink href={l.href} exact={l.exact}>
              {l.label}
            </NavLink>
          </div>
        ))}
      </nav>
      {children}
    </ConsoleShell>
  );
}
