"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** A sidebar link that knows when it is the current page (exact, or a section prefix). */
export function NavLink({ href, children, exact = false }: { href: string; children: React.ReactNode; exact?: boolean }) {
  const path = usePathname();
  const active = exact ? path === href : path === href || path.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`block rounded-lg px-3 py-2 text-sm ${active ? "bg-brand-50 font-medium text-brand-700" : "text-neutral-700 hover:bg-neutral-100"}`}
    >
      {children}
    </Link>
  );
}
