// Groups and shelves: input schemas and the shelf's section model. Pure (no I/O), so the
// seller's editor, the server and the tests share one definition.
import { z } from "zod";

export const GROUP_LIMITS = { nameLength: 20, groupsPerStore: 100, itemsPerGroup: 500 } as const;
export const SHELF_LIMITS = {
  nameLength: 30,
  sections: 20,
  captionLength: 40,
  titleLength: 20,
  listCountMin: 1,
  listCountMax: 20,
  tilesMin: 2,
  tilesMax: 8,
} as const;

const id = z.string().trim().min(1, { error: "required" }).max(64, { error: "invalid" });

/** An optional text: trimmed, and "" (an emptied input) means absent. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "tooLong" })
    .nullish()
    .transform((v) => (v ? v : undefined))
    .optional();

/** An optional reference: "" or null means none. */
const optionalId = z
  .string()
  .trim()
  .max(64, { error: "invalid" })
  .nullish()
  .transform((v) => (v ? v : undefined))
  .optional();

export const groupNameInput = z.string().trim().min(1, { error: "required" }).max(GROUP_LIMITS.nameLength, { error: "tooLong" });
export const createGroupInput = z.object({ name: groupNameInput });
export const renameGroupInput = z.object({ name: groupNameInput });
export const groupIdsInput = z.array(id).max(GROUP_LIMITS.groupsPerStore, { error: "groupsTooMany" });
export const groupItemIdsInput = z
  .array(id)
  .max(GROUP_LIMITS.itemsPerGroup, { error: "groupItemsTooMany" })
  .refine((ids) => new Set(ids).size === ids.length, { error: "duplicateItem" });

export const bannerSection = z.object({
  type: z.literal("banner"),
  imageId: id,
  caption: optionalText(SHELF_LIMITS.captionLength),
  linkGroupId: optionalId,
});

export const groupListSection = z.object({
  type: z.literal("group_list"),
  groupId: id,
  title: optionalText(SHELF_LIMITS.titleLength),
  count: z.coerce
    .number({ error: "countRange" })
    .int({ error: "countRange" })
    .min(SHELF_LIMITS.listCountMin, { error: "countRange" })
    .max(SHELF_LIMITS.listCountMax, { error: "countRange" }),
});

export const gridTile = z.object({
  groupId: id,
  imageId: optionalId,
  title: optionalText(SHELF_LIMITS.titleLength),
});

export const groupGridSection = z.object({
  type: z.literal("group_grid"),
  tiles: z.array(gridTile).min(SHELF_LIMITS.tilesMin, { error: "tilesTooFew" }).max(SHELF_LIMITS.tilesMax, { error: "tilesTooMany" }),
});

export const shelfSection = z.discriminatedUnion("type", [bannerSection, groupListSection, groupGridSection], { error: "sectionType" });

export const shelfInput = z.object({
  name: z.string().trim().min(1, { error: "required" }).max(SHELF_LIMITS.nameLength, { error: "tooLong" }),
  sections: z.array(shelfSection).max(SHELF_LIMITS.sections, { error: "sectionsTooMany" }),
});

export type ShelfSection = z.output<typeof shelfSection>;
export type ShelfSectionInput = z.input<typeof shelfSection>;
export type BannerSection = z.output<typeof bannerSection>;
export type GroupListSection = z.output<typeof groupListSection>;
export type GroupGridSection = z.output<typeof groupGridSection>;
export type ShelfInput = z.input<typeof shelfInput>;
export type Shelf = z.output<typeof shelfInput>;
export type SectionType = ShelfSection["type"];

/** Every group a section refers to, with the field path that refers to it. */
export function groupRefs(sections: ShelfSection[]): { path: string; groupId: string }[] {
  return sections.flatMap((s, i) => {
    if (s.type === "banner") return s.linkGroupId ? [{ path: `sections.${i}.linkGroupId`, groupId: s.linkGroupId }] : [];
    if (s.type === "group_list") return [{ path: `sections.${i}.groupId`, groupId: s.groupId }];
    return s.tiles.map((t, j) => ({ path: `sections.${i}.tiles.${j}.groupId`, groupId: t.groupId }));
  });
}

/** Every image a section shows, with the field path that names it. */
export function imageRefs(sections: ShelfSection[]): { path: string; imageId: string }[] {
  return sections.flatMap((s, i) => {
    if (s.type === "banner") return [{ path: `sections.${i}.imageId`, imageId: s.imageId }];
    if (s.type === "group_grid") return s.tiles.flatMap((t, j) => (t.imageId ? [{ path: `sections.${i}.tiles.${j}.imageId`, imageId: t.imageId }] : []));
    return [];
  });
}

/** JSON with object keys sorted, so two equal shelves compare equal however they were stored (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v,
  );
}

/** Reads stored sections leniently: sections that no longer parse are dropped rather than breaking the page. */
export function readStoredSections(raw: unknown): ShelfSection[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((s) => {
    const r = shelfSection.safeParse(s);
    return r.success ? [r.data] : [];
  });
}
