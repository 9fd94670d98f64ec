import Image from "next/image";
import type { ReactNode } from "react";
import { mediaSrc } from "@/lib/media/variants";
import type { StoreSummary } from "@/lib/storefront/types";

/** The store's identity at the top of its home page (and an optional control at the end: the cart). */
export function StoreHeader({ store, end }: { store: Pick<StoreSummary, "name" | "description" | "logoImageId">; end?: ReactNode }) {
  return (
    <header className="flex items-center gap-3 bg-white px-4 py-4">
      <div className="relative size-14 shrink-0 overflow-hidden rounded-full bg-brand-50 ring-1 ring-neutral-200">
        {store.logoImageId ? (
          <Image src={mediaSrc(store.logoImageId)} alt="" fill sizes="56px" className="object-cover" loading="eager" />
        ) : (
          <span aria-hidden className="grid size-full place-items-center text-xl font-semibold text-brand-700">
            {store.name.slice(0, 1)}
          </span>
        )}
      </div>
      <div className="min-w-0 flex-1">
        <h1 className="truncate text-lg font-semibold text-neutral-900">{store.name}</h1>
        {store.description && <p className="line-clamp-2 text-sm text-neutral-500">{store.description}</p>}
      </div>
      {end}
    </header>
  );
}
