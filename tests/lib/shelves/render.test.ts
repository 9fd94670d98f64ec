// Smoke-renders the seller's group and shelf editors to HTML in both languages: every
// string they ask for exists, and saved-draft problems show at the right field.
import { createElement as h, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import { GroupItemsEditor } from "@/components/shelves/group-items-editor";
import { GroupListManager } from "@/components/shelves/group-list-manager";
import { ShelfEditor } from "@/components/shelves/shelf-editor";
import { messagesFor } from "@/lib/i18n/messages";

function render(el: ReactElement, locale: "en" | "zh-CN") {
  const errors: unknown[] = [];
  const html = renderToStaticMarkup(h(NextIntlClientProvider, { locale, messages: messagesFor(locale) as never, timeZone: "Asia/Shanghai", onError: (e: unknown) => errors.push(e), children: el }));
  expect(errors, "next-intl reported missing messages").toEqual([]);
  return html;
}

const never = async () => ({ ok: false as const, code: "INTERNAL", error: "not in this test" });
const groups = [
  { id: "g1", name: "Teas", position: 0, itemCount: 3, onSaleCount: 2, inShelfDraft: true, inPublishedShelf: true },
  { id: "g2", name: "Cups", position: 1, itemCount: 0, onSaleCount: 0, inShelfDraft: false, inPublishedShelf: false },
];

describe("seller editors", () => {
  for (const locale of ["en", "zh-CN"] as const) {
    it(`render the group list and the group's item editor (${locale})`, () => {
      const list = render(h(GroupListManager, { storeId: "s1", groups, actions: { rename: never, remove: never, reorder: never } }), locale);
      expect(list).toContain('href="/seller/stores/s1/groups/g1"');
      const items = render(
        h(GroupItemsEditor, {
          storeId: "s1",
          groupId: "g1",
          updatedAt: new Date().toISOString(),
          initialItems: [{ id: "i1", title: "Oolong", status: "DRAFT", mainImageId: null, priceMinFen: 100, priceMaxFen: 100 }],
          actions: { save: never, search: never },
        }),
        locale,
      );
      expect(items).toContain("Oolong");
    });

    it(`render the shelf editor with every section type and a saved-draft problem (${locale})`, () => {
      const html = render(
        h(ShelfEditor, {
          storeId: "s1",
          store: { name: "Tea House", description: "Fine teas", logoImageId: null },
          groups: groups.map((g) => ({ id: g.id, name: g.name, onSaleCount: g.onSaleCount })),
          initial: {
            name: "Spring",
            sections: [
              { type: "banner", imageId: "img1", caption: "Hello", linkGroupId: "g1" },
              { type: "group_list", groupId: "gone", count: 4 },
              { type: "group_grid", tiles: [{ groupId: "g1" }, { groupId: "g2", title: "Cups!" }] },
            ],
            draftUpdatedAt: new Date().toISOString(),
            publishedVersion: 2,
            publishedAt: new Date().toISOString(),
            hasUnpublishedChanges: true,
            problems: { "sections.1.groupId": ["groupUnknown"] },
          },
          versions: [
            { version: 2, name: "Spring", sectionCount: 3, publishedAt: new Date().toISOString(), publishedBy: "Ann", current: true },
            { version: 1, name: "Launch", sectionCount: 1, publishedAt: new Date().toISOString(), publishedBy: null, current: false },
          ],
          actions: { save: never, publish: never, revert: never, preview: never },
        }),
        locale,
      );
      const problem = messagesFor(locale).errors.fields.groupUnknown;
      expect(html).toContain(problem);
      // The deleted group stays visible as a choice so the seller sees what is wrong.
      expect(html).toMatch(/<option value="gone" selected="">/);
      expect(html).toContain("375px");
    });
  }
});
