import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { searchPath, storePath } from "@/lib/storefront/paths";

/**
 * The storefront's thin sticky bar: back to the store's home, search, the signed-in user's
 * notifications, the buyer's own pages, and an optional control at the end (the cart). The bell is read with the
 * page; cached pages, the same for everyone, pass the one that arrives with their live part
 * (`bell={<LiveViewerBell />}`).
 */
export function StoreTopBar({ slug, name, showSearch = true, bell = <NotificationBell variant="mobile" />, end }: { slug: string; name: string; showSearch?: boolean; bell?: ReactNode; end?: ReactNode }) {
  const t = useTranslations("store");
  return (
    <div className="sticky top-0 z-10 flex h-11 items-center justify-between gap-3 border-b border-neutral-200 bg-white/95 px-4 backdrop-blur">
      <Link href={storePath(slug)} className="min-w-0 truncate text-sm font-medium text-neutral-900">
        {name}
      </Link>
      <div className="-mr-3 flex shrink-0 items-center">
        {showSearch && (
          <Link href={searchPath(slug)} className="grid size-11 place-items-center text-sm text-neutral-600" aria-label={t("searchThisStore")}>
            <svg aria-hidden viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8">
              <circle cx="9" cy="9" r="6" />
              <path d="m14 14 4 4" strokeLinecap="round" />
            </svg>
          </Link>
        )}
        {bell}
        {/* The buyer's own pages (orders, after-sale cases, notifications, addresses): /me, or sign-in first. */}
        <Link href="/me" className="grid size-11 place-items-center text-neutral-700" aria-label={t("myAccount")}>
          <svg aria-hidden viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round">
            <circle cx="12" cy="8" r="4" />
            <path d="M4 20c1.5-4 4.5-6 8-6s6.5 2 8 6" />
          </svg>
        </Link>
        {end}
      </div>
    </div>
  );
}
