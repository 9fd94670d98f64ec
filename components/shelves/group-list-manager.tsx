"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { controlClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/actions/result";
import type { GroupSummary } from "@/lib/shelves/groups";

interface Actions {
  rename: (input: { groupId: string; name: string }) => Promise<ActionResult<null>>;
  remove: (input: { groupId: string }) => Promise<ActionResult<null>>;
  reorder: (input: { storeId: string; groupIds: string[] }) => Promise<ActionResult<null>>;
}

/** The store's groups: open, rename, delete (confirmed) and reorder. */
export function GroupListManager({ storeId, groups, actions }: { storeId: string; groups: GroupSummary[]; actions: Actions }) {
  const t = useTranslations("shelves");
  const tc = useTranslations("common");
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ id: string; name: string; error?: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  // Optimistic order while a reorder is saving; the server's order replaces it on refresh.
  const [order, setOrder] = useState<string[] | null>(null);
  const byId = new Map(groups.map((g) => [g.id, g]));
  const shown = order && order.length === groups.length && order.every((id) => byId.has(id)) ? order.map((id) => byId.get(id)!) : groups;

  function run(fn: () => Promise<ActionResult<null>>, after?: () => void) {
    setError(null);
    start(async () => {
      const r = await fn();
      if (!r.ok) setError(r.error);
      else after?.();
    });
  }

  function move(index: number, delta: -1 | 1) {
    const ids = shown.map((g) => g.id);
    const j = index + delta;
    if (j < 0 || j >= ids.length) return;
    [ids[index], ids[j]] = [ids[j], ids[index]];
    setOrder(ids);
    run(() => actions.reorder({ storeId, groupIds: ids }), () => setOrder(null));
  }

  function saveName() {
    if (!editing) return;
    const { id, name } = editing;
    setError(null);
    start(async () => {
      const r = await actions.rename({ groupId: id, name });
      if (r.ok) setEditing(null);
      else setEditing({ id, name, error: r.fieldErrors?.name?.[0] ?? r.error });
    });
  }

  if (!groups.length) return <EmptyState title={t("noGroups")}>{t("noGroupsHint")}</EmptyState>;

  return (
    <div className="space-y-3">
      {error && <Notice tone="error">{error}</Notice>}
      <ol className="divide-y divide-neutral-200 overflow-hidden rounded-xl bg-white ring-1 ring-neutral-200" aria-busy={pending}>
        {shown.map((g, i) => (
          <li key={g.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
            <div className="flex flex-col">
              <button type="button" className="px-1 text-neutral-500 hover:text-neutral-900 disabled:opacity-30" onClick={() => move(i, -1)} disabled={pending || i === 0} aria-label={t("moveUp", { name: g.name })}>
                ▲
              </button>
              <button
                type="button"
                className="px-1 text-neutral-500 hover:text-neutral-900 disabled:opacity-30"
                onClick={() => move(i, 1)}
                disabled={pending || i === shown.length - 1}
                aria-label={t("moveDown", { name: g.name })}
              >
                ▼
              </button>
            </div>
            <div className="min-w-0 flex-1">
              {editing?.id === g.id ? (
                <form
                  className="flex flex-wrap items-start gap-2"
                  onSubmit={(e) => {
                    e.preventDefault();
                    saveName();
                  }}
                >
                  <div>
                    <label htmlFor={`rename-${g.id}`} className="sr-only">
                      {t("groupName")}
                    </label>
                    <input
                      id={`rename-${g.id}`}
                      className={controlClass}
                      value={editing.name}
                      maxLength={20}
                      autoFocus
                      onChange={(e) => setEditing({ id: g.id, name: e.target.value })}
                      aria-invalid={editing.error ? true : undefined}
                      aria-describedby={editing.error ? `rename-${g.id}-error` : undefined}
                    />
                    {editing.error && (
                      <p id={`rename-${g.id}-error`} role="alert" className="mt-1 text-xs text-red-600">
                        {editing.error}
                      </p>
                    )}
                  </div>
                  <Button type="submit" size="sm" disabled={pending}>
                    {tc("save")}
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setEditing(null)}>
                    {tc("cancel")}
                  </Button>
                </form>
              ) : (
                <>
                  <Link href={`/seller/stores/${storeId}/groups/${g.id}`} className="font-medium text-neutral-900 hover:underline">
                    {g.name}
                  </Link>
                  <p className="mt-0.5 flex flex-wrap items-center gap-2 text-xs text-neutral-500">
                    <span>{t("itemCounts", { total: g.itemCount, onSale: g.onSaleCount })}</span>
                    {g.inPublishedShelf && <Badge tone="green">{t("onLiveShelf")}</Badge>}
                    {!g.inPublishedShelf && g.inShelfDraft && <Badge tone="amber">{t("inShelfDraft")}</Badge>}
                  </p>
                </>
              )}
            </div>
            {editing?.id !== g.id && (
              <div className="flex items-center gap-1">
                <Button size="sm" variant="ghost" onClick={() => setEditing({ id: g.id, name: g.name })}>
                  {t("rename")}
                </Button>
                {confirming === g.id ? (
                  <span role="group" aria-label={t("confirmDelete", { name: g.name })} className="flex flex-wrap items-center gap-1 rounded-lg bg-red-50 px-2 py-1 text-xs text-red-800">
                    <span>{g.inPublishedShelf || g.inShelfDraft ? t("confirmDeleteUsed", { name: g.name }) : t("confirmDelete", { name: g.name })}</span>
                    <Button size="sm" variant="danger" disabled={pending} onClick={() => run(() => actions.remove({ groupId: g.id }), () => setConfirming(null))}>
                      {tc("delete")}
                    </Button>
                    <Button size="sm" variant="ghost" onClick={() => setConfirming(null)}>
                      {tc("cancel")}
                    </Button>
                  </span>
                ) : (
                  <Button size="sm" variant="ghost" className="text-red-700" onClick={() => setConfirming(g.id)}>
                    {tc("delete")}
                  </Button>
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
