import Link from "next/link";
import type { ReactNode } from "react";
import { LocaleSwitcher } from "@/components/shell/locale-switcher";

/** The narrow, mobile-first frame of the sign-in, sign-up and account pages. */
export function AuthFrame({ appName, title, children }: { appName: string; title: ReactNode; children: ReactNode }) {
  return (
    <div className="mx-auto flex min-h-dvh max-w-md flex-col px-4 pb-10">
      <header className="flex h-14 items-center justify-between">
        <Link href="/" className="flex items-center gap-2 font-semibold text-neutral-900">
          <span aria-hidden className="grid size-7 place-items-center rounded-md bg-brand-500 text-sm text-white">
            店
          </span>
          {appName}
        </Link>
        <LocaleSwitcher />
      </header>
      <main className="flex-1 pt-4">
        <h1 className="mb-6 text-2xl font-semibold text-neutral-900">{title}</h1>
        {children}
      </main>
    </div>
  );
}
