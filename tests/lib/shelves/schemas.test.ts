// Unit tests of the shelf's section rules (no database).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, groupRefs, imageRefs, readStoredSections, shelfInput, SHELF_LIMITS } from "@/lib/shelves/schemas";
import { issuesToFieldErrors } from "@/lib/validation";

function errors(input: unknown) {
  const r = shelfInput.safeParse(input);
  return r.success ? {} : issuesToFieldErrors(r.error);
}

const banner = { type: "banner", imageId: "img1" };
const list = { type: "group_list", groupId: "g1", count: 4 };
const grid = { type: "group_grid", tiles: [{ groupId: "g1" }, { groupId: "g2" }] };

describe("shelf sections", () => {
  it("accepts one valid section of each type", () => {
    expect(errors({ name: "Home", sections: [banner, list, grid] })).toEqual({});
  });

  it("requires a name of at most 30 characters", () => {
    expect(errors({ name: " ", sections: [] })).toEqual({ name: ["required"] });
    expect(errors({ name: "x".repeat(31), sections: [] })).toEqual({ name: ["tooLong"] });
  });

  it("allows at most 20 sections", () => {
    expect(errors({ name: "Home", sections: Array(20).fill(list) })).toEqual({});
    expect(errors({ name: "Home", sections: Array(21).fill(list) })).toEqual({ sections: ["sectionsTooMany"] });
  });

  it("rejects an unknown section type", () => {
    expect(errors({ name: "Home", sections: [{ type: "video", url: "x" }] })).toEqual({ "sections.0.type": ["sectionType"] });
  });

  it("banner: needs an image; caption at most 40 characters; the link is optional", () => {
    expect(errors({ name: "H", sections: [{ type: "banner", imageId: "" }] })).toEqual({ "sections.0.imageId": ["required"] });
    expect(errors({ name: "H", sections: [{ ...banner, caption: "c".repeat(41) }] })).toEqual({ "sections.0.caption": ["tooLong"] });
    const ok = shelfInput.parse({ name: "H", sections: [{ ...banner, caption: "  ", linkGroupId: "" }] });
    // Emptied inputs are stored as absent, not as "".
    expect(ok.sections[0]).toEqual({ type: "banner", imageId: "img1" });
  });

  it("group_list: needs a group and a count from 1 to 20", () => {
    expect(errors({ name: "H", sections: [{ ...list, groupId: "" }] })).toEqual({ "sections.0.groupId": ["required"] });
    for (const count of [0, 21, 2.5, "x"]) expect(errors({ name: "H", sections: [{ ...list, count }] })).toEqual({ "sections.0.count": ["countRange"] });
    for (const count of [1, 20, "7"]) expect(errors({ name: "H", sections: [{ ...list, count }] })).toEqual({});
    expect(errors({ name: "H", sections: [{ ...list, title: "t".repeat(21) }] })).toEqual({ "sections.0.title": ["tooLong"] });
  });

  it("group_grid: 2 to 8 tiles, each with a group", () => {
    const tiles = (n: number) => Array.from({ length: n }, (_, i) => ({ groupId: `g${i}` }));
    expect(errors({ name: "H", sections: [{ type: "group_grid", tiles: tiles(1) }] })).toEqual({ "sections.0.tiles": ["tilesTooFew"] });
    expect(errors({ name: "H", sections: [{ type: "group_grid", tiles: tiles(9) }] })).toEqual({ "sections.0.tiles": ["tilesTooMany"] });
    expect(errors({ name: "H", sections: [{ type: "group_grid", tiles: tiles(SHELF_LIMITS.tilesMax) }] })).toEqual({});
    expect(errors({ name: "H", sections: [{ type: "group_grid", tiles: [{ groupId: "g1" }, { groupId: "" }] }] })).toEqual({ "sections.0.tiles.1.groupId": ["required"] });
  });

  it("lists every group and image reference with its field path", () => {
    const s = shelfInput.parse({
      name: "H",
      sections: [{ ...banner, linkGroupId: "g9" }, list, { type: "group_grid", tiles: [{ groupId: "g1", imageId: "img2" }, { groupId: "g2" }] }],
    }).sections;
    expect(groupRefs(s)).toEqual([
      { path: "sections.0.linkGroupId", groupId: "g9" },
      { path: "sections.1.groupId", groupId: "g1" },
      { path: "sections.2.tiles.0.groupId", groupId: "g1" },
      { path: "sections.2.tiles.1.groupId", groupId: "g2" },
    ]);
    expect(imageRefs(s)).toEqual([
      { path: "sections.0.imageId", imageId: "img1" },
      { path: "sections.2.tiles.0.imageId", imageId: "img2" },
    ]);
  });

  it("reads stored sections leniently, dropping ones that no longer parse", () => {
    expect(readStoredSections([list, { type: "nope" }, null, banner])).toEqual([shelfInput.parse({ name: "x", sections: [list] }).sections[0], banner]);
    expect(readStoredSections("garbage")).toEqual([]);
  });
});

describe("canonicalJson", () => {
  it("is insensitive to object key order (jsonb reorders keys) but not to array order", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      }),
    );
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });
});
