import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { LocaleSwitcher } from "./locale-switcher";
import { SignOutButton } from "./sign-out-button";

/** The desktop frame of the seller center and the admin console: top bar, sidebar, content. */
export function ConsoleShell({
  brand,
  brandHref,
  userName,
  sidebar,
  children,
}: {
  brand: ReactNode;
  brandHref: string;
  userName: string;
  sidebar?: ReactNode;
  children: ReactNode;
}) {
  const t = useTranslations("common");
  return (
    <div className="min-h-dvh">
      <header className="sticky top-0 z-20 border-b border-neutral-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-7xl items-center justify-between gap-4 px-4">
          <Link href={brandHref} className="flex items-center gap-2 font-semibold text-neutral-900">
            <span aria-hidden className="grid size-7 place-items-center rounded-md bg-brand-500 text-sm text-white">
              店
            </span>
            {brand}
          </Link>
          <div className="flex items-center gap-4">
            <NotificationBell />
            <LocaleSwitcher />
            <span className="hidden text-sm text-neutral-600 sm:inline">{userName}</span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl gap-6 px-4 py-6">
        {sidebar && (
          <nav aria-label={t("consoleSections")} className="hidden w-52 shrink-0 md:block">
            <div className="sticky top-20 space-y-1">{sidebar}</div>
          </nav>
        )}
        <main className="min-w-0 flex-1">{children}</main>
      </div>
    </div>
  );
}
