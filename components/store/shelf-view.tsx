import Image from "next/image";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { mediaSrc } from "@/lib/media/variants";
import { groupPath, itemPath } from "@/lib/storefront/paths";
import type { ResolvedBanner, ResolvedGroupGrid, ResolvedGroupList, ResolvedSection } from "@/lib/storefront/types";
import { ItemGrid } from "./item-card";

// The published shelf's sections, as buyers see them. Also used by the seller's live
// preview (slug null: nothing links anywhere, and incomplete sections show a placeholder),
// so it must stay free of server-only code.

function MaybeLink({ href, className, children, label }: { href: string | null; className?: string; children: ReactNode; label?: string }) {
  return href ? (
    <Link href={href} className={className} aria-label={label}>
      {children}
    </Link>
  ) : (
    <div className={className}>{children}</div>
  );
}

function Banner({ section, slug, first }: { section: ResolvedBanner; slug: string | null; first: boolean }) {
  const href = slug && section.linkGroupId ? groupPath(slug, section.linkGroupId) : null;
  return (
    <MaybeLink href={href} className="relative block aspect-[2/1] overflow-hidden rounded-xl bg-neutral-100">
      <Image
        src={mediaSrc(section.imageId)}
        alt={section.caption ?? ""}
        fill
        sizes="(max-width: 448px) 100vw, 448px"
        className="object-cover"
        loading={first ? "eager" : "lazy"}
        fetchPriority={first ? "high" : "auto"}
      />
      {section.caption && (
        <span aria-hidden className="absolute inset-x-0 bottom-0 bg-gradient-to-t from-black/60 to-transparent px-3 pt-6 pb-2 text-sm font-medium text-white">
          {section.caption}
        </span>
      )}
    </MaybeLink>
  );
}

function GroupList({ section, slug, preview }: { section: ResolvedGroupList; slug: string | null; preview: boolean }) {
  const t = useTranslations("store");
  return (
    <section aria-label={section.title}>
      <div className="mb-2 flex items-baseline justify-between">
        <h2 className="text-base font-semibold text-neutral-900">{section.title}</h2>
        {section.hasMore && (
          <MaybeLink href={slug ? groupPath(slug, section.groupId) : null} className="text-xs text-neutral-500">
            {t("viewAll")} ›
          </MaybeLink>
        )}
      </div>
      {section.items.length ? (
        <ItemGrid items={section.items} hrefFor={slug ? (id) => itemPath(slug, id) : null} />
      ) : preview ? (
        <p className="rounded-lg border border-dashed border-neutral-300 px-3 py-6 text-center text-xs text-neutral-500">{t("previewGroupEmpty")}</p>
      ) : null}
    </section>
  );
}

function GroupGrid({ section, slug }: { section: ResolvedGroupGrid; slug: string | null }) {
  return (
    <ul className={`grid gap-2 ${section.tiles.length % 3 === 0 ? "grid-cols-3" : "grid-cols-2"}`}>
      {section.tiles.map((tile, i) => (
        <li key={`${tile.groupId}-${i}`}>
          <MaybeLink href={slug ? groupPath(slug, tile.groupId) : null} className="relative block aspect-square overflow-hidden rounded-lg bg-brand-50">
            {tile.imageId && <Image src={mediaSrc(tile.imageId)} alt="" fill sizes="(max-width: 448px) 50vw, 224px" className="object-cover" />}
            <span
              className={`absolute inset-x-0 bottom-0 px-2 pt-6 pb-2 text-sm font-medium ${tile.imageId ? "bg-gradient-to-t from-black/60 to-transparent text-white" : "text-brand-700"}`}
            >
              {tile.title}
            </span>
          </MaybeLink>
        </li>
      ))}
    </ul>
  );
}

function Unresolved({ sectionType }: { sectionType: string }) {
  const t = useTranslations("store");
  const tt = useTranslations("shelves.types");
  return (
    <div className="rounded-lg border border-dashed border-amber-400 bg-amber-50 px-3 py-4 text-xs text-amber-900">
      <p className="font-medium">{tt.has(sectionType) ? tt(sectionType) : sectionType}</p>
      <p>{t("previewUnresolved")}</p>
    </div>
  );
}

export function ShelfView({ sections, slug, preview = false }: { sections: ResolvedSection[]; slug: string | null; preview?: boolean }) {
  return (
    <div className="space-y-4">
      {sections.map((s, i) => {
        const key = `${i}-${s.type}`;
        if (s.type === "banner") return <Banner key={key} section={s} slug={slug} first={i === 0} />;
        if (s.type === "group_list") return <GroupList key={key} section={s} slug={slug} preview={preview} />;
        if (s.type === "group_grid") return <GroupGrid key={key} section={s} slug={slug} />;
        return preview ? <Unresolved key={key} sectionType={s.sectionType} /> : null;
      })}
    </div>
  );
}
