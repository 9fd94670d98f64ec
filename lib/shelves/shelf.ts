import "server-only";
// The shelf (货架): a store's home page. Sellers edit a draft; publishing validates it again
// and freezes it into a numbered ShelfVersion, which is what buyers see. One shelf per
// store, created on first save.
import { requireStoreMember, type Actor } from "@/lib/auth/actor";
import { invalidate, tags } from "@/lib/cache";
import { db, type Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError, type FieldErrors } from "@/lib/errors";
import { claimImages } from "@/lib/media/images";
import { resolveDraftForPreview } from "@/lib/storefront/resolve";
import type { ResolvedSection } from "@/lib/storefront/types";
import { issuesToFieldErrors, parseInput } from "@/lib/validation";
import { lockStore } from "./access";
import { canonicalJson, groupRefs, imageRefs, readStoredSections, SHELF_LIMITS, shelfInput, type Shelf, type ShelfInput, type ShelfSection } from "./schemas";

type Reader = Tx | typeof db;

export interface ShelfForEdit {
  name: string;
  sections: ShelfSection[];
  /** Null until the first save; the editor sends it back to detect a concurrent edit. */
  draftUpdatedAt: string | null;
  publishedVersion: number | null;
  publishedAt: string | null;
  /** The draft differs from what buyers see (or nothing is published and the draft has sections). */
  hasUnpublishedChanges: boolean;
  /** References in the draft that no longer resolve (a deleted group, a removed image), by field path. */
  problems: FieldErrors;
}

export interface ShelfVersionSummary {
  version: number;
  name: string;
  sectionCount: number;
  publishedAt: string;
  publishedBy: string | null;
  current: boolean;
}

/**
 * Field errors for groups and images the sections name that are not this store's: unknown,
 * deleted and foreign ids look the same. An image the actor uploaded but has not attached to
 * any store yet is usable (it is claimed for the store on save), as in lib/media/images.ts.
 */
async function referenceProblems(r: Reader, storeId: string, userId: string, sections: ShelfSection[]): Promise<FieldErrors> {
  const gRefs = groupRefs(sections);
  const iRefs = imageRefs(sections);
  // One after the other: `r` can be a transaction, whose queries share one connection (pg
  // queues concurrent ones with a deprecation warning, and pg 9 refuses them).
  const groups = gRefs.length ? await r.group.findMany({ where: { id: { in: [...new Set(gRefs.map((g) => g.groupId))] }, storeId }, select: { id: true } }) : [];
  const images = iRefs.length ? await r.image.findMany({ where: { id: { in: [...new Set(iRefs.map((i) => i.imageId))] } }, select: { id: true, storeId: true, uploaderId: true } }) : [];
  const groupOk = new Set(groups.map((g) => g.id));
  const imageOk = new Set(images.filter((i) => (i.storeId ? i.storeId === storeId : i.uploaderId === userId)).map((i) => i.id));
  const problems: FieldErrors = {};
  for (const g of gRefs) if (!groupOk.has(g.groupId)) problems[g.path] = ["groupUnknown"];
  for (const i of iRefs) if (!imageOk.has(i.imageId)) problems[i.path] = ["imageUnknown"];
  return problems;
}

async function assertReferences(tx: Tx, storeId: string, userId: string, sections: ShelfSection[]) {
  const problems = await referenceProblems(tx, storeId, userId, sections);
  if (Object.keys(problems).length) throw new AppError("VALIDATION", "The shelf refers to groups or images that are not available.", { fieldErrors: problems });
}

function sameShelf(a: { name: string; sections: unknown }, b: { name: string; sections: unknown }) {
  return canonicalJson({ name: a.name, sections: a.sections }) === canonicalJson({ name: b.name, sections: b.sections });
}

/** Re-validates stored JSON as strictly as input (publishing must not trust what was saved under older rules). */
function parseStoredShelf(name: string, sections: unknown): Shelf {
  const r = shelfInput.safeParse({ name, sections });
  if (!r.success) throw new AppError("VALIDATION", "The draft is not valid; fix it and save again.", { fieldErrors: issuesToFieldErrors(r.error) });
  return r.data;
}

async function publishedOf(r: Reader, shelf: { id: string; publishedVersion: number | null }) {
  if (shelf.publishedVersion == null) return null;
  return r.shelfVersion.findUnique({
    where: { shelfId_version: { shelfId: shelf.id, version: shelf.publishedVersion } },
    select: { version: true, name: true, sections: true, publishedAt: true },
  });
}

function checkExpected(current: Date | null, expected: string | null | undefined) {
  if (expected === undefined) return;
  const now = current ? current.toISOString() : null;
  if (now !== expected) throw new AppError("STALE", "The shelf was changed meanwhile; reload to see the changes.");
}

/** The draft as the editor shows it (a default, unsaved one for a store that never saved). */
export async function getShelfForEdit(actor: Actor | null, storeId: string): Promise<ShelfForEdit> {
  const a = requireStoreMember(actor, storeId);
  const store = await db.store.findUnique({
    where: { id: storeId },
    select: { name: true, shelf: { select: { id: true, name: true, draft: true, draftUpdatedAt: true, publishedVersion: true } } },
  });
  if (!store) throw new AppError("NOT_FOUND", "Store not found");
  const shelf = store.shelf;
  if (!shelf) {
    return { name: store.name.slice(0, SHELF_LIMITS.nameLength), sections: [], draftUpdatedAt: null, publishedVersion: null, publishedAt: null, hasUnpublishedChanges: false, problems: {} };
  }
  const sections = readStoredSections(shelf.draft);
  const [published, problems] = await Promise.all([publishedOf(db, shelf), referenceProblems(db, storeId, a.userId, sections)]);
  return {
    name: shelf.name,
    sections,
    draftUpdatedAt: shelf.draftUpdatedAt.toISOString(),
    publishedVersion: published?.version ?? null,
    publishedAt: published?.publishedAt.toISOString() ?? null,
    hasUnpublishedChanges: published ? !sameShelf({ name: shelf.name, sections }, { name: published.name, sections: readStoredSections(published.sections) }) : sections.length > 0,
    problems,
  };
}

/**
 * Saves the draft (validated, every group and image checked to be this store's). Buyers see
 * nothing of it until publishShelf. With `expectedDraftUpdatedAt` (null = "no shelf yet"),
 * a concurrent save from another tab is refused as STALE instead of overwritten.
 */
export async function saveShelfDraft(
  actor: Actor | null,
  storeId: string,
  input: ShelfInput,
  opts: { expectedDraftUpdatedAt?: string | null } = {},
): Promise<{ draftUpdatedAt: string }> {
  const a = requireStoreMember(actor, storeId);
  const data = parseInput(shelfInput, input);
  const saved = await db.$transaction(async (tx) => {
    await lockStore(tx, storeId);
    const shelf = await tx.shelf.findUnique({ where: { storeId }, select: { id: true, draftUpdatedAt: true } });
    checkExpected(shelf?.draftUpdatedAt ?? null, opts.expectedDraftUpdatedAt);
    await assertReferences(tx, storeId, a.userId, data.sections);
    await claimImages(tx, { userId: a.userId, storeId, imageIds: imageRefs(data.sections).map((i) => i.imageId) });
    const fields = { name: data.name, draft: data.sections as Prisma.InputJsonValue, draftUpdatedAt: new Date() };
    return shelf
      ? tx.shelf.update({ where: { id: shelf.id }, data: fields, select: { draftUpdatedAt: true } })
      : tx.shelf.create({ data: { storeId, ...fields }, select: { draftUpdatedAt: true } });
  });
  return { draftUpdatedAt: saved.draftUpdatedAt.toISOString() };
}

/**
 * Publishes the saved draft as the next version. The draft is validated again (sections and
 * references: a group deleted since the save is reported, not published around); an empty
 * shelf is refused. Publishing a draft identical to the live version changes nothing.
 */
export async function publishShelf(
  actor: Actor | null,
  storeId: string,
  opts: { expectedDraftUpdatedAt?: string | null } = {},
): Promise<{ version: number; unchanged: boolean }> {
  const a = requireStoreMember(actor, storeId);
  const result = await db.$transaction(async (tx) => {
    await lockStore(tx, storeId);
    const store = await tx.store.findUnique({
      where: { id: storeId },
      select: { status: true, shelf: { select: { id: true, name: true, draft: true, draftUpdatedAt: true, publishedVersion: true } } },
    });
    if (!store) throw new AppError("NOT_FOUND", "Store not found");
    if (store.status !== "APPROVED" && store.status !== "SUSPENDED") throw new AppError("INVALID_STATE", "The store is not open yet.");
    const shelf = store.shelf;
    checkExpected(shelf?.draftUpdatedAt ?? null, opts.expectedDraftUpdatedAt);
    if (!shelf) throw new AppError("VALIDATION", "Add at least one section before publishing.", { fieldErrors: { sections: ["shelfEmpty"] } });
    const data = parseStoredShelf(shelf.name, shelf.draft);
    if (!data.sections.length) throw new AppError("VALIDATION", "Add at least one section before publishing.", { fieldErrors: { sections: ["shelfEmpty"] } });
    await assertReferences(tx, storeId, a.userId, data.sections);
    const live = await publishedOf(tx, shelf);
    if (live && sameShelf(data, { name: live.name, sections: readStoredSections(live.sections) })) return { version: live.version, unchanged: true };
    const max = await tx.shelfVersion.aggregate({ where: { shelfId: shelf.id }, _max: { version: true } });
    const version = (max._max.version ?? 0) + 1;
    await tx.shelfVersion.create({
      data: { shelfId: shelf.id, version, name: data.name, sections: data.sections as Prisma.InputJsonValue, publishedById: a.userId },
    });
    await tx.shelf.update({ where: { id: shelf.id }, data: { publishedVersion: version } });
    return { version, unchanged: false };
  });
  if (!result.unchanged) invalidate(tags.store(storeId));
  return result;
}

/** Published versions, newest first. */
export async function listShelfVersions(actor: Actor | null, storeId: string): Promise<ShelfVersionSummary[]> {
  requireStoreMember(actor, storeId);
  const shelf = await db.shelf.findUnique({
    where: { storeId },
    select: {
      publishedVersion: true,
      versions: {
        orderBy: { version: "desc" },
        take: 100,
        select: { version: true, name: true, sections: true, publishedAt: true, publishedBy: { select: { name: true } } },
      },
    },
  });
  if (!shelf) return [];
  return shelf.versions.map((v) => ({
    version: v.version,
    name: v.name,
    sectionCount: Array.isArray(v.sections) ? v.sections.length : 0,
    publishedAt: v.publishedAt.toISOString(),
    publishedBy: v.publishedBy?.name ?? null,
    current: v.version === shelf.publishedVersion,
  }));
}

/**
 * Discards the draft's changes: the draft becomes a copy of a published version (the live
 * one by default). Buyers see no change; publishing the reverted draft rolls back the store.
 */
export async function revertDraftToPublished(actor: Actor | null, storeId: string, opts: { version?: number } = {}): Promise<{ draftUpdatedAt: string; version: number }> {
  requireStoreMember(actor, storeId);
  return db.$transaction(async (tx) => {
    await lockStore(tx, storeId);
    const shelf = await tx.shelf.findUnique({ where: { storeId }, select: { id: true, publishedVersion: true } });
    const version = opts.version ?? shelf?.publishedVersion ?? null;
    if (!shelf || version == null) throw new AppError("INVALID_STATE", "Nothing has been published yet.");
    if (!Number.isInteger(version)) throw new AppError("NOT_FOUND", "No such version");
    const v = await tx.shelfVersion.findUnique({ where: { shelfId_version: { shelfId: shelf.id, version } }, select: { name: true, sections: true } });
    if (!v) throw new AppError("NOT_FOUND", "No such version");
    const saved = await tx.shelf.update({
      where: { id: shelf.id },
      data: { name: v.name, draft: v.sections as Prisma.InputJsonValue, draftUpdatedAt: new Date() },
      select: { draftUpdatedAt: true },
    });
    return { draftUpdatedAt: saved.draftUpdatedAt.toISOString(), version };
  });
}

/** The editor's live preview: unsaved sections resolved as buyers would see them (invalid ones marked). */
export async function previewShelfDraft(actor: Actor | null, storeId: string, sections: unknown): Promise<ResolvedSection[]> {
  requireStoreMember(actor, storeId);
  return resolveDraftForPreview(storeId, Array.isArray(sections) ? sections : []);
}
