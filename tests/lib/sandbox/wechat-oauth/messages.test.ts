// Every message the sandbox and sign-in pages look up exists in both languages.
import { describe, expect, it } from "vitest";
import { messagesFor } from "@/lib/i18n/messages";
import { locales } from "@/lib/i18n/config";
import { authorizePageErrors } from "@/lib/sandbox/wechat-oauth/errors";

function keys(o: unknown, prefix = ""): string[] {
  if (typeof o !== "object" || o === null) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("sandbox and auth messages", () => {
  it("have the same keys in every locale", () => {
    for (const ns of ["sandbox", "auth"] as const) {
      const en = keys(messagesFor("en")[ns]).sort();
      for (const l of locales) expect(keys(messagesFor(l)[ns]).sort(), `${l} ${ns}`).toEqual(en);
    }
  });

  it("explain every error code the authorize page can show", () => {
    for (const l of locales) {
      const errors = (messagesFor(l).sandbox as { authorizeErrors: Record<string, string> }).authorizeErrors;
      for (const code of Object.keys(authorizePageErrors)) expect(errors[code], `${l} ${code}`).toBeTruthy();
    }
  });
});
