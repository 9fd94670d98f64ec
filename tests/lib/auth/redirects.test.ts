// Where sign-in sends people: only ever to a path on this site.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { afterSignIn, homeFor, safeCallbackPath } from "@/lib/auth/redirects";

const APP = "http://localhost:3000";

describe("safeCallbackPath", () => {
  it("keeps paths on this site, with their query and fragment", () => {
    expect(safeCallbackPath("/s/tea?x=1#top", APP)).toBe("/s/tea?x=1#top");
    expect(safeCallbackPath("http://localhost:3000/seller/apply", APP)).toBe("/seller/apply");
    expect(safeCallbackPath(["/me", "/other"], APP)).toBe("/me");
  });

  it("refuses other sites and the tricks that reach them", () => {
    for (const bad of [
      "https://evil.example/",
      "//evil.example/path",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "http://localhost:3000//evil.example",
      "javascript:alert(1)",
      "http://localhost:3001/x",
      "https://localhost:3000/x",
      "evil.example",
      "",
      null,
      undefined,
    ]) {
      expect(safeCallbackPath(bad, APP), String(bad)).toBeNull();
    }
  });

  it("refuses the sign-in pages and next-auth's endpoints (no loops)", () => {
    expect(safeCallbackPath("/signin?callbackUrl=/x", APP)).toBeNull();
    expect(safeCallbackPath("/signup", APP)).toBeNull();
    expect(safeCallbackPath("/api/auth/signout", APP)).toBeNull();
    expect(safeCallbackPath("/signing-tips", APP)).toBe("/signing-tips");
  });

  it("whatever it is given, returns null or a path that stays on this site", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.webPath(), fc.string().map((s) => `/${s}`), fc.string().map((s) => `//${s}`)), (raw) => {
        const out = safeCallbackPath(raw, APP);
        if (out === null) return;
        expect(out.startsWith("/")).toBe(true);
        expect(out.startsWith("//")).toBe(false);
        expect(new URL(out, APP).origin).toBe(APP);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("afterSignIn", () => {
  it("goes to the requested page, or else to the role's home", () => {
    expect(afterSignIn("BUYER", "/s/tea", APP)).toBe("/s/tea");
    expect(afterSignIn("BUYER", null, APP)).toBe("/");
    expect(afterSignIn("SELLER", "https://evil.example", APP)).toBe("/seller");
    expect(afterSignIn("ADMIN", undefined, APP)).toBe("/admin");
    expect(homeFor("SELLER")).toBe("/seller");
  });
});
