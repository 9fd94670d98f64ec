// Each surface sends its client components only the message namespaces listed for it in
// clientMessageScopes. A client component that asks for a namespace its surface does not
// send would render raw keys, so this walks every surface's import graph and checks the
// lists cover what is used; and that the lists name messages that exist.
import { describe, expect, it } from "vitest";
import { clientMessageScopes, pickMessages, type ClientMessageScope } from "@/lib/i18n/client-messages";
import { messagesFor } from "@/lib/i18n/messages";
import { clientNamespaces } from "../../support/client-namespaces";

const folders: Record<ClientMessageScope, string | string[]> = {
  root: "app",
  store: "app/(store)/[locale]/s/[slug]",
  storeCheckout: ["app/(store)/[locale]/s/[slug]/cart", "app/(store)/[locale]/s/[slug]/checkout"],
  bell: "components/notifications/notification-bell.tsx",
  site: "app/(site)",
  seller: "app/(seller)/seller",
  admin: "app/(admin)/admin",
  sandbox: "app/sandbox",
};

const covered = (ns: string, list: readonly string[]) => ns !== "" && list.some((p) => ns === p || ns.startsWith(p + "."));
const allFolders = Object.values(folders).flat();
const usedUnder = (f: string | string[]) => new Set([f].flat().flatMap((d) => [...clientNamespaces(d, allFolders)]));

describe("client message scopes", () => {
  for (const [scope, folder] of Object.entries(folders) as [ClientMessageScope, string | string[]][]) {
    it(`${scope} (${[folder].flat().join(", ")}) sends every namespace its client components use`, () => {
      const used = usedUnder(folder);
      const missing = [...used].filter((ns) => !covered(ns, clientMessageScopes[scope]));
      expect(missing).toEqual([]);
    });
  }

  it("finds the namespaces of client components (so an empty answer above means something)", () => {
    expect(usedUnder(folders.storeCheckout)).toContain("orders.cart");
    expect(usedUnder(folders.store)).toContain("orders.item");
    expect(usedUnder(folders.store)).not.toContain("admin");
    expect(usedUnder(folders.admin)).toContain("protection.admin");
    expect(usedUnder(folders.bell)).toContain("notifications");
  });

  it("every listed namespace exists in both languages", () => {
    for (const locale of ["zh-CN", "en"] as const) {
      for (const list of Object.values(clientMessageScopes)) expect(() => pickMessages(messagesFor(locale), list)).not.toThrow();
    }
  });

  it("picks nested namespaces without the rest of their parent", () => {
    const picked = pickMessages({ a: { b: { x: 1 }, c: { y: 2 } }, d: 3 }, ["a.b", "d"]);
    expect(picked).toEqual({ a: { b: { x: 1 } }, d: 3 });
    expect(() => pickMessages({ a: 1 }, ["nope"])).toThrow(/nope/);
  });

  it("the storefront sends a fraction of all messages", () => {
    const all = JSON.stringify(messagesFor("zh-CN")).length;
    const store = JSON.stringify(pickMessages(messagesFor("zh-CN"), clientMessageScopes.store)).length;
    expect(store / all).toBeLessThan(0.15);
  });
});
