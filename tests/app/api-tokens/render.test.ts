// Renders the API token UI and the Open API reference to HTML in both languages: a missing
// translation, a crash on real-looking data, or a control without its label fails here,
// without a browser. Server actions are stubs (their wiring is tested in actions.test.ts).
import { createElement as h, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { ApiReference } from "@/components/open-api/api-reference";
import { NewTokenSecret, TokenCreateForm } from "@/components/open-api/token-create-form";
import { TokenTable, type TokenRow } from "@/components/open-api/token-table";
import { openApiDocument } from "@/lib/api/open-v1/document";
import { docSections } from "@/lib/api/open-v1/docs-model";
import { messagesFor } from "@/lib/i18n/messages";

type Locale = "en" | "zh-CN";

function renderOk(locale: Locale, node: ReactNode) {
  const missing: string[] = [];
  const html = renderToStaticMarkup(
    h(NextIntlClientProvider, { locale, messages: messagesFor(locale) as never, timeZone: "Asia/Shanghai", onError: (e: Error) => void missing.push(e.message), children: node }),
  );
  expect(missing, "missing or broken messages").toEqual([]);
  return html;
}

/** The text of the <label> pointing at the control with this id. */
function labelFor(html: string, id: string) {
  const m = new RegExp(`<label for="${id}"[^>]*>(.*?)</label>`).exec(html);
  return m?.[1].replace(/<[^>]+>/g, "").replace(/\*$/, "");
}

const now = "2025-03-01T02:00:00.000Z";
const rows: TokenRow[] = [
  { id: "t1", name: "仓库同步", prefix: "lsm_AbCdEf", createdAt: now, createdBy: "小李", lastUsedAt: now, expiresAt: null, revokedAt: null, state: "ACTIVE" },
  { id: "t2", name: "Old ERP", prefix: "lsm_ZyXwVu", createdAt: now, createdBy: null, lastUsedAt: null, expiresAt: now, revokedAt: now, state: "REVOKED" },
  { id: "t3", name: "Staff", prefix: "lsm_123456", createdAt: now, createdBy: "小王", lastUsedAt: null, expiresAt: now, revokedAt: null, state: "CREATOR_LEFT" },
];
const revoke = vi.fn();
const create = vi.fn();

describe.each(["en", "zh-CN"] as const)("API token UI in %s", (locale) => {
  const m = messagesFor(locale).openapi.tokens;

  it("labels the create form's controls", () => {
    const html = renderOk(locale, h(TokenCreateForm, { storeId: "st1", action: create }));
    expect(labelFor(html, "f-name")).toBe(m.name);
    expect(html).toMatch(/<input[^>]*id="f-name"[^>]*aria-describedby="f-name-hint"/);
    expect(labelFor(html, "f-expiresInDays")).toBe(m.expires);
    expect(html).toContain(`<option value="0" selected="">${m.expiresNever}</option>`);
    expect(html).toContain(`>${m.create}</button>`);
    expect(html).toContain('name="storeId" value="st1"');
  });

  it("shows a new token's secret in a labelled, read-only field with a copy button", () => {
    const html = renderOk(locale, h(NewTokenSecret, { name: "仓库同步", token: "lsm_secretsecretsecret" }));
    expect(labelFor(html, "new-token")).toBe(m.secretLabel);
    expect(html).toMatch(/<input[^>]*readOnly=""[^>]*value="lsm_secretsecretsecret"|<input[^>]*value="lsm_secretsecretsecret"[^>]*readOnly=""/);
    expect(html).toContain(`>${m.copy}</button>`);
    expect(html).toContain(m.createdBody);
  });

  it("lists tokens by prefix with a named revoke button for each one still revocable", () => {
    const html = renderOk(locale, h(TokenTable, { storeId: "st1", tokens: rows, revoke }));
    expect(html).toContain("lsm_AbCdEf…");
    for (const state of ["ACTIVE", "REVOKED", "CREATOR_LEFT"] as const) expect(html).toContain(m.state[state]);
    const revokeLabels = [...html.matchAll(/aria-label="([^"]+)"/g)].map((x) => x[1]);
    const named = (name: string) => m.revokeLabel.replace("{name}", name);
    expect(revokeLabels).toEqual([named("仓库同步"), named("Staff")]);
    expect(html).toContain(m.neverUsed);
  });

  it("says so when there are no tokens", () => {
    expect(renderOk(locale, h(TokenTable, { storeId: "st1", tokens: [], revoke }))).toContain(m.empty);
  });

  it("renders the whole Open API reference", () => {
    const doc = openApiDocument();
    const html = renderOk(locale, h(ApiReference, { sections: docSections(doc), serverUrl: doc.servers[0].url, openapiUrl: "/api/open/v1/openapi.json", perMinute: 120 }));
    for (const id of ["createProduct", "addStock", "setGroupProducts", "publishShelf", "setDelivery", "closeOrder", "listAfterSales"]) expect(html).toContain(`id="${id}"`);
    expect(html).toContain("Authorization: Bearer $LS_TOKEN");
    expect(html).toContain("RATE_LIMITED");
    expect(html).toContain(messagesFor(locale).openapi.docs.limitsTitle);
  });
});

describe("the openapi messages", () => {
  it("has the same keys in both languages", () => {
    const keys = (o: object, p = ""): string[] => Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v, `${p}${k}.`) : [`${p}${k}`]));
    expect(keys(messagesFor("zh-CN").openapi).sort()).toEqual(keys(messagesFor("en").openapi).sort());
  });
});
