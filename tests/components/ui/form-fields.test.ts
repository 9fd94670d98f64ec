// Forms keep what was typed after a refused submit. React resets a form's uncontrolled fields
// after its action runs, to their defaults; the forms pass what the action echoed back
// (state.values) as those defaults. Inputs and textareas take a new defaultValue on every
// render, but a <select> applies its defaultValue only when it mounts: the seller's carrier
// went back to "choose a carrier" after a refused tracking number. SelectField remounts on a
// new defaultValue; these tests pin that, and that no form works around SelectField.
import fs from "node:fs";
import path from "node:path";
import { isValidElement, type ReactElement, type ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { SelectField, selectKey } from "@/components/ui/field";

const root = path.resolve(import.meta.dirname, "../../..");

function findSelect(node: ReactNode): ReactElement | null {
  if (Array.isArray(node)) {
    for (const n of node) {
      const found = findSelect(n);
      if (found) return found;
    }
    return null;
  }
  if (!isValidElement(node)) return null;
  if (node.type === "select") return node;
  return findSelect((node.props as { children?: ReactNode }).children);
}

describe("SelectField", () => {
  const render = (defaultValue?: string) => findSelect(SelectField({ label: "Carrier", name: "carrier", defaultValue, children: null }));

  it("keys an uncontrolled select on its defaultValue, so a value echoed back after a refusal is mounted as the default", () => {
    expect(render("")!.key).toBe("");
    expect(render("SF")!.key).toBe("SF");
    expect(render("SF")!.key).not.toBe(render("")!.key);
    expect(render("SF")!.props).toMatchObject({ defaultValue: "SF", name: "carrier" });
  });

  it("leaves a controlled select unkeyed", () => {
    expect(findSelect(SelectField({ label: "Kind", name: "kind", value: "A", onChange: () => {}, children: null }))!.key).toBeNull();
    expect(selectKey(undefined)).toBeUndefined();
    expect(selectKey(["a", "b"])).toBe("a\u0000b");
  });
});

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.tsx$/.test(e.name) ? [p] : [];
  });
}

describe("forms posted through an action", () => {
  // Every client form whose <form action={…}> is a function (React resets those).
  const forms = [...sources(path.join(root, "components")), ...sources(path.join(root, "app"))]
    .map((file) => ({ file: path.relative(root, file), src: fs.readFileSync(file, "utf8") }))
    .filter(({ src }) => /^\s*["']use client["']/.test(src) && /<form\b[^>]*\baction=\{/.test(src));

  it("are found", () => {
    expect(forms.map((f) => f.file)).toEqual(expect.arrayContaining(["components/orders/ship-form.tsx", "components/protection/admin-case-actions.tsx"]));
  });

  it("use SelectField or a controlled value for every select", () => {
    for (const { file, src } of forms) {
      for (const m of src.matchAll(/<select\b[^>]*>/g)) expect(/\b(value|key)=\{/.test(m[0]), `${file}: ${m[0]} — use SelectField (keyed on defaultValue), key it on its default, or make it controlled`).toBe(true);
    }
  });

  it("give each checkbox and radio its checked state from what was sent, or control it", () => {
    for (const { file, src } of forms) {
      for (const m of src.matchAll(/<input\b[^>]*type="(checkbox|radio)"[^>]*>/g)) {
        const tag = m[0];
        const ok = /\bchecked=\{/.test(tag) || /\bdefaultChecked=\{[^}]*(state|values|\bv\.)/.test(tag);
        expect(ok, `${file}: ${tag} — after a refusal React resets it to a default that ignores what was chosen`).toBe(true);
      }
    }
  });
});
