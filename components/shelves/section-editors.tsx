"use client";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, controlClass } from "@/components/ui/field";
import { SHELF_LIMITS } from "@/lib/shelves/schemas";
import { ImagePick } from "./image-pick";

// The shelf editor's working copy: every value a plain string/number the inputs hold, and a
// stable key per section/tile for React. Turned into the schema's input by toInput().
export interface EditorTile {
  key: string;
  groupId: string;
  imageId: string;
  title: string;
}
export type EditorSection =
  | { key: string; type: "banner"; imageId: string; caption: string; linkGroupId: string }
  | { key: string; type: "group_list"; groupId: string; title: string; count: number }
  | { key: string; type: "group_grid"; tiles: EditorTile[] };

export interface GroupOption {
  id: string;
  name: string;
  onSaleCount: number;
}

type Errors = (path: string) => string | undefined;

function GroupSelect({ id, label, value, onChange, groups, error, optional, hint }: { id: string; label: string; value: string; onChange: (v: string) => void; groups: GroupOption[]; error?: string; optional?: boolean; hint?: string }) {
  const t = useTranslations("shelves");
  const known = !value || groups.some((g) => g.id === value);
  return (
    <Field label={label} name={id} id={id} error={error} hint={hint} required={!optional}>
      <select
        id={id}
        className={controlClass}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
      >
        <option value="">{optional ? t("noLink") : t("chooseGroup")}</option>
        {/* A group deleted since the draft was saved stays selectable so the problem is visible. */}
        {!known && <option value={value}>{t("deletedGroup")}</option>}
        {groups.map((g) => (
          <option key={g.id} value={g.id}>
            {t("groupOption", { name: g.name, n: g.onSaleCount })}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function BannerEditor({ section, onChange, groups, storeId, err }: { section: Extract<EditorSection, { type: "banner" }>; onChange: (s: EditorSection) => void; groups: GroupOption[]; storeId: string; err: Errors }) {
  const t = useTranslations("shelves");
  const base = `s-${section.key}`;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <ImagePick label={t("bannerImage")} value={section.imageId} onChange={(imageId) => onChange({ ...section, imageId })} storeId={storeId} error={err("imageId")} hint={t("bannerImageHint")} required aspect="wide" />
      <div className="space-y-4">
        <Field label={t("caption")} name={`${base}-caption`} error={err("caption")}>
          <input
            id={`f-${base}-caption`}
            className={controlClass}
            value={section.caption}
            maxLength={SHELF_LIMITS.captionLength}
            onChange={(e) => onChange({ ...section, caption: e.target.value })}
            aria-invalid={err("caption") ? true : undefined}
            aria-describedby={err("caption") ? `f-${base}-caption-error` : undefined}
          />
        </Field>
        <GroupSelect id={`f-${base}-link`} label={t("bannerLink")} value={section.linkGroupId} onChange={(linkGroupId) => onChange({ ...section, linkGroupId })} groups={groups} error={err("linkGroupId")} optional />
      </div>
    </div>
  );
}

export function GroupListEditor({ section, onChange, groups, err }: { section: Extract<EditorSection, { type: "group_list" }>; onChange: (s: EditorSection) => void; groups: GroupOption[]; err: Errors }) {
  const t = useTranslations("shelves");
  const base = `f-s-${section.key}`;
  const groupName = groups.find((g) => g.id === section.groupId)?.name;
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <GroupSelect id={`${base}-group`} label={t("group")} value={section.groupId} onChange={(groupId) => onChange({ ...section, groupId })} groups={groups} error={err("groupId")} />
      <Field label={t("sectionTitle")} name={`${base}-title`} id={`${base}-title`} error={err("title")} hint={t("titleHint")}>
        <input
          id={`${base}-title`}
          className={controlClass}
          value={section.title}
          placeholder={groupName}
          maxLength={SHELF_LIMITS.titleLength}
          onChange={(e) => onChange({ ...section, title: e.target.value })}
          aria-invalid={err("title") ? true : undefined}
          aria-describedby={err("title") ? `${base}-title-error` : `${base}-title-hint`}
        />
      </Field>
      <Field label={t("count")} name={`${base}-count`} id={`${base}-count`} error={err("count")} hint={t("countHint")} required>
        <input
          id={`${base}-count`}
          type="number"
          inputMode="numeric"
          min={SHELF_LIMITS.listCountMin}
          max={SHELF_LIMITS.listCountMax}
          className={controlClass}
          value={Number.isFinite(section.count) ? section.count : ""}
          onChange={(e) => onChange({ ...section, count: e.target.value === "" ? Number.NaN : Number(e.target.value) })}
          aria-invalid={err("count") ? true : undefined}
          aria-describedby={err("count") ? `${base}-count-error` : `${base}-count-hint`}
        />
      </Field>
    </div>
  );
}

export function GroupGridEditor({ section, onChange, groups, storeId, err, newKey }: { section: Extract<EditorSection, { type: "group_grid" }>; onChange: (s: EditorSection) => void; groups: GroupOption[]; storeId: string; err: Errors; newKey: () => string }) {
  const t = useTranslations("shelves");
  const tiles = section.tiles;
  const setTile = (i: number, tile: EditorTile) => onChange({ ...section, tiles: tiles.map((x, j) => (j === i ? tile : x)) });
  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= tiles.length) return;
    const next = [...tiles];
    [next[i], next[j]] = [next[j], next[i]];
    onChange({ ...section, tiles: next });
  };
  return (
    <div className="space-y-3">
      {err("tiles") && (
        <p role="alert" className="text-xs text-red-600">
          {err("tiles")}
        </p>
      )}
      <ol className="space-y-3">
        {tiles.map((tile, i) => {
          const base = `f-s-${section.key}-t-${tile.key}`;
          return (
            <li key={tile.key} className="rounded-lg bg-neutral-50 p-3 ring-1 ring-neutral-200">
              <div className="mb-2 flex items-center justify-between">
                <span className="text-xs font-medium text-neutral-500">{t("tileN", { n: i + 1 })}</span>
                <div className="flex">
                  <Button size="sm" variant="ghost" onClick={() => move(i, -1)} disabled={i === 0} aria-label={t("moveTileUp", { n: i + 1 })}>
                    ▲
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => move(i, 1)} disabled={i === tiles.length - 1} aria-label={t("moveTileDown", { n: i + 1 })}>
                    ▼
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    className="text-red-700"
                    onClick={() => onChange({ ...section, tiles: tiles.filter((_, j) => j !== i) })}
                    disabled={tiles.length <= SHELF_LIMITS.tilesMin}
                    aria-label={t("removeTile", { n: i + 1 })}
                  >
                    ✕
                  </Button>
                </div>
              </div>
              <div className="grid gap-3 sm:grid-cols-3">
                <GroupSelect id={`${base}-group`} label={t("group")} value={tile.groupId} onChange={(groupId) => setTile(i, { ...tile, groupId })} groups={groups} error={err(`tiles.${i}.groupId`)} />
                <Field label={t("tileTitle")} name={`${base}-title`} id={`${base}-title`} error={err(`tiles.${i}.title`)}>
                  <input
                    id={`${base}-title`}
                    className={controlClass}
                    value={tile.title}
                    placeholder={groups.find((g) => g.id === tile.groupId)?.name}
                    maxLength={SHELF_LIMITS.titleLength}
                    onChange={(e) => setTile(i, { ...tile, title: e.target.value })}
                    aria-invalid={err(`tiles.${i}.title`) ? true : undefined}
                    aria-describedby={err(`tiles.${i}.title`) ? `${base}-title-error` : undefined}
                  />
                </Field>
                <ImagePick label={t("tileImage")} value={tile.imageId} onChange={(imageId) => setTile(i, { ...tile, imageId })} storeId={storeId} error={err(`tiles.${i}.imageId`)} hint={t("tileImageHint")} />
              </div>
            </li>
          );
        })}
      </ol>
      <Button size="sm" variant="secondary" disabled={tiles.length >= SHELF_LIMITS.tilesMax} onClick={() => onChange({ ...section, tiles: [...tiles, { key: newKey(), groupId: "", imageId: "", title: "" }] })}>
        + {t("addTile")}
      </Button>
    </div>
  );
}
