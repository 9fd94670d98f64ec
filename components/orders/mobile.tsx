import Link from "next/link";
import type { ReactNode } from "react";

/** A buyer's page outside a store: phone-width column, a sticky title bar with a way back. */
export function BuyerPage({ title, back, children, end }: { title: ReactNode; back?: { href: string; label: string }; end?: ReactNode; children: ReactNode }) {
  return (
    <div className="mx-auto min-h-dvh max-w-md bg-neutral-50 pb-[max(1.5rem,env(safe-area-inset-bottom))]">
      <TitleBar title={title} back={back} end={end} />
      {children}
    </div>
  );
}

/** The sticky bar at the top of a buyer's page: back arrow, title, an optional control at the end. */
export function TitleBar({ title, back, end }: { title: ReactNode; back?: { href: string; label: string }; end?: ReactNode }) {
  return (
    <div className="sticky top-0 z-10 grid h-11 grid-cols-[2.75rem_1fr_2.75rem] items-center border-b border-neutral-200 bg-white/95 backdrop-blur">
      {back ? (
        <Link href={back.href} aria-label={back.label} className="grid size-11 place-items-center text-neutral-700">
          <svg aria-hidden viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="2">
            <path d="m12.5 4-6 6 6 6" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </Link>
      ) : (
        <span />
      )}
      <h1 className="truncate text-center text-base font-semibold text-neutral-900">{title}</h1>
      <div className="flex justify-end">{end}</div>
    </div>
  );
}

/**
 * The sticky bottom bar of the cart, checkout, item and order pages: total and main button,
 * clear of the home indicator. Pair it with <BottomBarSpacer/> so it never covers content.
 */
export function BottomBar({ children, above }: { children: ReactNode; above?: ReactNode }) {
  return (
    <div className="fixed inset-x-0 bottom-0 z-20">
      <div className="mx-auto max-w-md">
        {above}
        <div className="flex min-h-16 items-center gap-3 border-t border-neutral-200 bg-white px-4 pt-2 pb-[max(0.5rem,env(safe-area-inset-bottom))]">{children}</div>
      </div>
    </div>
  );
}

/** Reserves the bottom bar's height at the end of the page (no content hidden under it). */
export function BottomBarSpacer() {
  return <div aria-hidden className="h-[calc(4.5rem+env(safe-area-inset-bottom))]" />;
}

/** A white section of a buyer's page. */
export function Section({ title, children, className = "", id }: { title?: ReactNode; children: ReactNode; className?: string; id?: string }) {
  return (
    <section aria-labelledby={title && id ? id : undefined} className={`mt-2 bg-white px-4 py-3 ${className}`}>
      {title && (
        <h2 id={id} className="mb-2 text-sm font-semibold text-neutral-900">
          {title}
        </h2>
      )}
      {children}
    </section>
  );
}
