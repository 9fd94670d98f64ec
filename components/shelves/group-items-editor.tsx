"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, useTransition } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { controlClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/actions/result";
import type { GroupItemRow } from "@/lib/shelves/groups";
import { formatFenRange } from "@/lib/money";
import { ItemThumb } from "./item-thumb";

interface Actions {
  save: (input: { groupId: string; itemIds: string[]; expectedUpdatedAt?: string }) => Promise<ActionResult<{ updatedAt: string }>>;
  search: (input: { storeId: string; q: string }) => Promise<ActionResult<GroupItemRow[]>>;
}

const statusTone: Record<GroupItemRow["status"], BadgeTone> = { ON_SALE: "green", DRAFT: "neutral", OFF_SALE: "amber" };
const MAX_ITEMS = 500;

/** A group's items: pick from the store's items (search), reorder, remove; saved in one go. */
export function GroupItemsEditor({ storeId, groupId, initialItems, updatedAt, actions }: { storeId: string; groupId: string; initialItems: GroupItemRow[]; updatedAt: string; actions: Actions }) {
  const t = useTranslations("shelves");
  const tc = useTranslations("common");
  const [items, setItems] = useState(initialItems);
  const [saved, setSaved] = useState({ ids: initialItems.map((i) => i.id).join(","), updatedAt });
  const [q, setQ] = useState("");
  const [results, setResults] = useState<GroupItemRow[] | null>(null);
  const [searching, startSearch] = useTransition();
  const [saving, startSave] = useTransition();
  const [status, setStatus] = useState<{ tone: "error" | "success"; text: string; stale?: boolean } | null>(null);
  const dirty = items.map((i) => i.id).join(",") !== saved.ids;
  const inGroup = new Set(items.map((i) => i.id));
  const seq = useRef(0);
  const searchAction = useRef(actions.search);
  searchAction.current = actions.search;

  // Search as the seller types (debounced); the latest answer wins.
  useEffect(() => {
    const n = ++seq.current;
    const timer = setTimeout(() => {
      startSearch(async () => {
        const r = await searchAction.current({ storeId, q });
        if (n === seq.current) setResults(r.ok ? r.data : []);
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [q, storeId]);

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  function move(i: number, d: -1 | 1) {
    const j = i + d;
    if (j < 0 || j >= items.length) return;
    const next = [...items];
    [next[i], next[j]] = [next[j], next[i]];
    setItems(next);
  }

  function save() {
    setStatus(null);
    startSave(async () => {
      const r = await actions.save({ groupId, itemIds: items.map((i) => i.id), expectedUpdatedAt: saved.updatedAt });
      if (r.ok) {
        setSaved({ ids: items.map((i) => i.id).join(","), updatedAt: r.data.updatedAt });
        setStatus({ tone: "success", text: t("groupSaved") });
      } else {
        setStatus({ tone: "error", text: r.fieldErrors?.itemIds?.[0] ?? r.fieldErrors?._form?.[0] ?? r.error, stale: r.code === "STALE" });
      }
    });
  }

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card
        title={t("itemsInGroup", { n: items.length })}
        actions={
          <Button onClick={save} disabled={saving || !dirty}>
            {saving ? tc("saving") : tc("save")}
          </Button>
        }
      >
        <div className="space-y-3">
          {status && (
            <Notice tone={status.tone}>
              {status.text}{" "}
              {status.stale && (
                <button type="button" className="underline" onClick={() => window.location.reload()}>
                  {t("reload")}
                </button>
              )}
            </Notice>
          )}
          {dirty && !status && <p className="text-xs text-amber-700">{t("unsavedChanges")}</p>}
          {items.length === 0 ? (
            <p className="py-8 text-center text-sm text-neutral-500">{t("groupNoItems")}</p>
          ) : (
            <ol className="divide-y divide-neutral-100">
              {items.map((item, i) => (
                <li key={item.id} className="flex items-center gap-3 py-2">
                  <span className="w-6 text-right text-xs text-neutral-400 tabular-nums">{i + 1}</span>
                  <ItemThumb imageId={item.mainImageId} />
                  <div className="min-w-0 flex-1">
                    <p className="truncate text-sm">{item.title}</p>
                    <p className="flex items-center gap-2 text-xs text-neutral-500">
                      <Badge tone={statusTone[item.status]}>{t(`itemStatus.${item.status}`)}</Badge>
                      <span className="tabular-nums">{formatFenRange(item.priceMinFen, item.priceMaxFen)}</span>
                    </p>
                  </div>
                  <div className="flex items-center">
                    <Button size="sm" variant="ghost" onClick={() => move(i, -1)} disabled={i === 0} aria-label={t("moveUp", { name: item.title })}>
                      ▲
                    </Button>
                    <Button size="sm" variant="ghost" onClick={() => move(i, 1)} disabled={i === items.length - 1} aria-label={t("moveDown", { name: item.title })}>
                      ▼
                    </Button>
                    <Button size="sm" variant="ghost" className="text-red-700" onClick={() => setItems(items.filter((x) => x.id !== item.id))} aria-label={t("removeItem", { name: item.title })}>
                      ✕
                    </Button>
                  </div>
                </li>
              ))}
            </ol>
          )}
          <p className="text-xs text-neutral-500">{t("groupStatusHint")}</p>
        </div>
      </Card>

      <Card title={t("addItems")}>
        <div className="space-y-3">
          <div>
            <label htmlFor="item-search" className="mb-1 block text-sm font-medium text-neutral-800">
              {t("searchItems")}
            </label>
            <input id="item-search" type="search" className={controlClass} value={q} onChange={(e) => setQ(e.target.value)} maxLength={50} placeholder={t("searchItemsPlaceholder")} />
          </div>
          <div aria-live="polite" aria-busy={searching}>
            {results === null ? (
              <p className="py-4 text-sm text-neutral-500">{tc("loading")}</p>
            ) : results.length === 0 ? (
              <p className="py-4 text-sm text-neutral-500">{q ? t("noItemsFound") : t("storeHasNoItems")}</p>
            ) : (
              <ul className="divide-y divide-neutral-100">
                {results.map((item) => (
                  <li key={item.id} className="flex items-center gap-3 py-2">
                    <ItemThumb imageId={item.mainImageId} />
                    <div className="min-w-0 flex-1">
                      <p className="truncate text-sm">{item.title}</p>
                      <p className="flex items-center gap-2 text-xs text-neutral-500">
                        <Badge tone={statusTone[item.status]}>{t(`itemStatus.${item.status}`)}</Badge>
                        <span className="tabular-nums">{formatFenRange(item.priceMinFen, item.priceMaxFen)}</span>
                      </p>
                    </div>
                    {inGroup.has(item.id) ? (
                      <span className="text-xs text-neutral-500">{t("alreadyInGroup")}</span>
                    ) : (
                      <Button size="sm" variant="secondary" disabled={items.length >= MAX_ITEMS} onClick={() => setItems([...items, item])} aria-label={t("addItem", { name: item.title })}>
                        {t("add")}
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      </Card>
    </div>
  );
}
