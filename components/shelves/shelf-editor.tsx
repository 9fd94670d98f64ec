"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import { ShelfView } from "@/components/store/shelf-view";
import { StoreHeader } from "@/components/store/store-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, controlClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult, FieldErrors } from "@/lib/actions/result";
import { canonicalJson, SHELF_LIMITS, type SectionType, type ShelfSection, type ShelfSectionInput } from "@/lib/shelves/schemas";
import type { ShelfForEdit, ShelfVersionSummary } from "@/lib/shelves/shelf";
import type { ResolvedSection } from "@/lib/storefront/types";
import { BannerEditor, GroupGridEditor, GroupListEditor, type EditorSection, type GroupOption } from "./section-editors";

export interface ShelfEditorActions {
  save: (input: { storeId: string; name: string; sections: unknown[]; expectedDraftUpdatedAt?: string | null }) => Promise<ActionResult<{ draftUpdatedAt: string }>>;
  publish: (input: { storeId: string; expectedDraftUpdatedAt?: string | null }) => Promise<ActionResult<{ version: number; unchanged: boolean }>>;
  revert: (input: { storeId: string; version?: number }) => Promise<ActionResult<ShelfForEdit>>;
  preview: (input: { storeId: string; sections: unknown[] }) => Promise<ActionResult<ResolvedSection[]>>;
}

let keySeq = 0;
const newKey = () => `k${++keySeq}`;

function toEditor(s: ShelfSection): EditorSection {
  if (s.type === "banner") return { key: newKey(), type: "banner", imageId: s.imageId, caption: s.caption ?? "", linkGroupId: s.linkGroupId ?? "" };
  if (s.type === "group_list") return { key: newKey(), type: "group_list", groupId: s.groupId, title: s.title ?? "", count: s.count };
  return { key: newKey(), type: "group_grid", tiles: s.tiles.map((t) => ({ key: newKey(), groupId: t.groupId, imageId: t.imageId ?? "", title: t.title ?? "" })) };
}

/** The schema's input (what is saved), with emptied optional fields left out so equal shelves compare equal. */
function toInput(s: EditorSection): ShelfSectionInput {
  const opt = (v: string) => (v.trim() ? v.trim() : undefined);
  if (s.type === "banner") return { type: "banner", imageId: s.imageId, caption: opt(s.caption), linkGroupId: opt(s.linkGroupId) };
  if (s.type === "group_list") return { type: "group_list", groupId: s.groupId, title: opt(s.title), count: s.count };
  return { type: "group_grid", tiles: s.tiles.map((t) => ({ groupId: t.groupId, imageId: opt(t.imageId), title: opt(t.title) })) };
}

const snapshot = (name: string, sections: EditorSection[]) => canonicalJson({ name: name.trim(), sections: sections.map(toInput) });

export function ShelfEditor({
  storeId,
  store,
  groups,
  initial,
  versions,
  actions,
}: {
  storeId: string;
  store: { name: string; description: string; logoImageId: string | null };
  groups: GroupOption[];
  initial: ShelfForEdit;
  versions: ShelfVersionSummary[];
  actions: ShelfEditorActions;
}) {
  const t = useTranslations("shelves");
  const tc = useTranslations("common");
  const tf = useTranslations("errors.fields");
  const format = useFormatter();

  const [name, setName] = useState(initial.name);
  const [sections, setSections] = useState<EditorSection[]>(() => initial.sections.map(toEditor));
  const [saved, setSaved] = useState(() => ({ snap: snapshot(initial.name, initial.sections.map(toEditor)), draftUpdatedAt: initial.draftUpdatedAt }));
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [status, setStatus] = useState<{ tone: "error" | "success" | "info"; text: string; stale?: boolean } | null>(null);
  const [confirmRevert, setConfirmRevert] = useState<number | "live" | null>(null);
  const [pending, start] = useTransition();

  const dirty = snapshot(name, sections) !== saved.snap;
  const unpublished = dirty || initial.hasUnpublishedChanges;

  // Problems the server found in the saved draft (a group deleted since) are keys; translate them.
  const problems = useMemo(
    () => Object.fromEntries(Object.entries(initial.problems).map(([k, v]) => [k, v.map((m) => (tf.has(m) ? tf(m) : m))])),
    [initial.problems, tf],
  );
  const shownErrors: FieldErrors = errors ?? (dirty ? {} : problems);
  const errAt = (path: string) => shownErrors[path]?.[0];

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  // Live preview: the working copy resolved on the server as buyers would see it (debounced).
  const [preview, setPreview] = useState<ResolvedSection[] | null>(null);
  const previewAction = useRef(actions.preview);
  previewAction.current = actions.preview;
  const previewSeq = useRef(0);
  const previewInput = JSON.stringify(sections.map(toInput));
  useEffect(() => {
    const n = ++previewSeq.current;
    const timer = setTimeout(async () => {
      const r = await previewAction.current({ storeId, sections: JSON.parse(previewInput) });
      if (n === previewSeq.current && r.ok) setPreview(r.data);
    }, 350);
    return () => clearTimeout(timer);
  }, [previewInput, storeId]);

  function structural(next: EditorSection[]) {
    // Paths in earlier errors no longer point at the same sections.
    setErrors(null);
    setSections(next);
  }
  const update = (i: number, s: EditorSection) => setSections(sections.map((x, j) => (j === i ? s : x)));
  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= sections.length) return;
    const next = [...sections];
    [next[i], next[j]] = [next[j], next[i]];
    structural(next);
  };
  function add(type: SectionType) {
    const firstGroup = groups[0]?.id ?? "";
    const s: EditorSection =
      type === "banner"
        ? { key: newKey(), type, imageId: "", caption: "", linkGroupId: "" }
        : type === "group_list"
          ? { key: newKey(), type, groupId: firstGroup, title: "", count: 6 }
          : { key: newKey(), type, tiles: [0, 1].map((i) => ({ key: newKey(), groupId: groups[i]?.id ?? "", imageId: "", title: "" })) };
    structural([...sections, s]);
  }

  function fail(r: Extract<ActionResult<unknown>, { ok: false }>) {
    setErrors(r.fieldErrors ?? null);
    setStatus({ tone: "error", text: r.fieldErrors?.sections?.[0] ?? r.fieldErrors?.name?.[0] ?? r.error, stale: r.code === "STALE" });
  }

  async function saveNow(): Promise<string | null | false> {
    const r = await actions.save({ storeId, name, sections: sections.map(toInput), expectedDraftUpdatedAt: saved.draftUpdatedAt });
    if (!r.ok) {
      fail(r);
      return false;
    }
    setSaved({ snap: snapshot(name, sections), draftUpdatedAt: r.data.draftUpdatedAt });
    setErrors(null);
    return r.data.draftUpdatedAt;
  }

  function onSave() {
    setStatus(null);
    start(async () => {
      if ((await saveNow()) !== false) setStatus({ tone: "success", text: t("draftSaved") });
    });
  }

  function onPublish() {
    setStatus(null);
    start(async () => {
      let expected = saved.draftUpdatedAt;
      if (dirty) {
        const r = await saveNow();
        if (r === false) return;
        expected = r;
      }
      const r = await actions.publish({ storeId, expectedDraftUpdatedAt: expected });
      if (!r.ok) return fail(r);
      setStatus({ tone: "success", text: r.data.unchanged ? t("publishUnchanged", { version: r.data.version }) : t("published", { version: r.data.version }) });
    });
  }

  function onRevert(version?: number) {
    setStatus(null);
    start(async () => {
      const r = await actions.revert({ storeId, version });
      setConfirmRevert(null);
      if (!r.ok) return fail(r);
      const next = r.data.sections.map(toEditor);
      setName(r.data.name);
      setSections(next);
      setErrors(null);
      setSaved({ snap: snapshot(r.data.name, next), draftUpdatedAt: r.data.draftUpdatedAt });
      setStatus({ tone: "info", text: version ? t("revertedTo", { version }) : t("revertedToLive") });
    });
  }

  const typeLabel = (type: string) => t(`types.${type}`);

  return (
    <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_auto]">
      <div className="min-w-0 space-y-4">
        {/* Status and the main actions. */}
        <Card>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <div className="space-y-1 text-sm">
              <p>
                {initial.publishedVersion != null ? (
                  <>
                    <Badge tone="green">{t("liveVersion", { version: initial.publishedVersion })}</Badge>{" "}
                    {initial.publishedAt && <span className="text-neutral-500">{format.dateTime(new Date(initial.publishedAt), { dateStyle: "medium", timeStyle: "short" })}</span>}
                  </>
                ) : (
                  <Badge>{t("notPublished")}</Badge>
                )}
              </p>
              <p aria-live="polite" className="text-xs">
                {dirty ? (
                  <span className="text-amber-700">{t("unsavedChanges")}</span>
                ) : unpublished ? (
                  <span className="text-amber-700">{t("unpublishedChanges")}</span>
                ) : initial.publishedVersion != null ? (
                  <span className="text-neutral-500">{t("upToDate")}</span>
                ) : null}
              </p>
            </div>
            <div className="flex flex-wrap gap-2">
              {initial.publishedVersion != null && unpublished && (
                <Button variant="ghost" onClick={() => setConfirmRevert("live")} disabled={pending}>
                  {t("discardChanges")}
                </Button>
              )}
              <Button variant="secondary" onClick={onSave} disabled={pending || !dirty}>
                {pending ? tc("saving") : t("saveDraft")}
              </Button>
              <Button onClick={onPublish} disabled={pending || !unpublished}>
                {dirty ? t("saveAndPublish") : t("publish")}
              </Button>
            </div>
          </div>
          {confirmRevert === "live" && (
            <div role="group" aria-label={t("discardChanges")} className="mt-3 flex flex-wrap items-center gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
              <span>{t("confirmDiscard", { version: initial.publishedVersion ?? 0 })}</span>
              <Button size="sm" variant="danger" onClick={() => onRevert()} disabled={pending}>
                {t("discardChanges")}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirmRevert(null)}>
                {tc("cancel")}
              </Button>
            </div>
          )}
          {status && (
            <div className="mt-3">
              <Notice tone={status.tone}>
                {status.text}{" "}
                {status.stale && (
                  <button type="button" className="underline" onClick={() => window.location.reload()}>
                    {t("reload")}
                  </button>
                )}
              </Notice>
            </div>
          )}
        </Card>

        <Card>
          <Field label={t("shelfName")} name="shelf-name" error={errAt("name")} hint={t("shelfNameHint")} required>
            <input
              id="f-shelf-name"
              className={controlClass}
              value={name}
              maxLength={SHELF_LIMITS.nameLength}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={errAt("name") ? true : undefined}
              aria-describedby={errAt("name") ? "f-shelf-name-error" : "f-shelf-name-hint"}
            />
          </Field>
        </Card>

        {groups.length === 0 && <Notice tone="info">{t("needGroups")}</Notice>}

        <ol className="space-y-4" aria-label={t("sections")}>
          {sections.map((s, i) => {
            const err = (field: string) => errAt(`sections.${i}.${field}`);
            const sectionError = errAt(`sections.${i}`) ?? errAt(`sections.${i}.type`);
            return (
              <li key={s.key}>
                <Card
                  title={
                    <span className="flex items-center gap-2">
                      <span className="text-neutral-400 tabular-nums">{i + 1}.</span> {typeLabel(s.type)}
                    </span>
                  }
                  actions={
                    <div className="flex">
                      <Button size="sm" variant="ghost" onClick={() => move(i, -1)} disabled={i === 0} aria-label={t("moveSectionUp", { n: i + 1 })}>
                        ▲
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => move(i, 1)} disabled={i === sections.length - 1} aria-label={t("moveSectionDown", { n: i + 1 })}>
                        ▼
                      </Button>
                      <Button size="sm" variant="ghost" className="text-red-700" onClick={() => structural(sections.filter((_, j) => j !== i))} aria-label={t("removeSection", { n: i + 1 })}>
                        {tc("delete")}
                      </Button>
                    </div>
                  }
                >
                  {sectionError && (
                    <p role="alert" className="mb-2 text-xs text-red-600">
                      {sectionError}
                    </p>
                  )}
                  {s.type === "banner" ? (
                    <BannerEditor section={s} onChange={(x) => update(i, x)} groups={groups} storeId={storeId} err={err} />
                  ) : s.type === "group_list" ? (
                    <GroupListEditor section={s} onChange={(x) => update(i, x)} groups={groups} err={err} />
                  ) : (
                    <GroupGridEditor section={s} onChange={(x) => update(i, x)} groups={groups} storeId={storeId} err={err} newKey={newKey} />
                  )}
                </Card>
              </li>
            );
          })}
        </ol>

        <Card title={t("addSection")}>
          {errAt("sections") && (
            <p role="alert" className="mb-3 text-xs text-red-600">
              {errAt("sections")}
            </p>
          )}
          <div className="grid gap-2 sm:grid-cols-3">
            {(["banner", "group_list", "group_grid"] as const).map((type) => (
              <button
                key={type}
                type="button"
                onClick={() => add(type)}
                disabled={sections.length >= SHELF_LIMITS.sections}
                className="rounded-lg border border-dashed border-neutral-300 px-3 py-3 text-left hover:border-brand-500 hover:bg-brand-50 disabled:cursor-not-allowed disabled:opacity-50"
              >
                <span className="block text-sm font-medium">+ {typeLabel(type)}</span>
                <span className="block text-xs text-neutral-500">{t(`typeHints.${type}`)}</span>
              </button>
            ))}
          </div>
          <p className="mt-2 text-xs text-neutral-500">{t("sectionCount", { n: sections.length, max: SHELF_LIMITS.sections })}</p>
        </Card>

        <Card title={t("history")}>
          {versions.length === 0 ? (
            <p className="text-sm text-neutral-500">{t("noVersions")}</p>
          ) : (
            <ol className="divide-y divide-neutral-100">
              {versions.map((v) => (
                <li key={v.version} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <div>
                    <span className="font-medium">{t("versionN", { version: v.version })}</span> <span className="text-neutral-600">{v.name}</span>{" "}
                    {v.current && <Badge tone="green">{t("live")}</Badge>}
                    <p className="text-xs text-neutral-500">
                      {t("versionMeta", { date: format.dateTime(new Date(v.publishedAt), { dateStyle: "medium", timeStyle: "short" }), who: v.publishedBy ?? "—", n: v.sectionCount })}
                    </p>
                  </div>
                  {confirmRevert === v.version ? (
                    <span className="flex flex-wrap items-center gap-1 text-xs text-amber-900">
                      {t("confirmLoadVersion", { version: v.version })}
                      <Button size="sm" variant="danger" onClick={() => onRevert(v.version)} disabled={pending}>
                        {t("loadIntoDraft")}
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => setConfirmRevert(null)}>
                        {tc("cancel")}
                      </Button>
                    </span>
                  ) : (
                    <Button size="sm" variant="ghost" onClick={() => setConfirmRevert(v.version)} disabled={pending}>
                      {t("loadIntoDraft")}
                    </Button>
                  )}
                </li>
              ))}
            </ol>
          )}
        </Card>
      </div>

      {/* Phone-sized live preview of the working copy, drawn by the storefront's own components. */}
      <aside aria-label={t("preview")} className="xl:sticky xl:top-20">
        <p className="mb-2 text-sm font-medium text-neutral-700">
          {t("preview")} <span className="font-normal text-neutral-500">· {t("previewHint")}</span>
        </p>
        <div className="h-[740px] w-[375px] max-w-full overflow-hidden rounded-[2rem] border-8 border-neutral-900 bg-neutral-50 shadow-lg">
          <div className="h-full overflow-y-auto" inert>
            <StoreHeader store={store} />
            <div className="px-3 py-3">
              {preview === null ? (
                <p className="py-10 text-center text-xs text-neutral-500">{tc("loading")}</p>
              ) : preview.length ? (
                <ShelfView sections={preview} slug={null} preview />
              ) : (
                <p className="py-10 text-center text-xs text-neutral-500">{t("previewEmpty")}</p>
              )}
            </div>
          </div>
        </div>
      </aside>
    </div>
  );
}
