// The routes in app/ build on components/ and lib/, never the other way round: moving or
// renaming a route must not break a component or a domain module. Server actions live beside
// their domain (lib/<capability>/actions…) or reach a component as props (#24).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const appDir = path.join(root, "app");
const scanned = ["components", "lib"];
/** Generated code (Prisma's client, gitignored) is not ours to layer. */
const skipped = [path.join(root, "lib/db/generated")];

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return skipped.includes(p) ? [] : sourceFiles(p);
    return /\.(tsx?|mts|cts|mjs|cjs|js)$/.test(e.name) ? [p] : [];
  });
}

// `import x from "m"`, `import "m"`, `export … from "m"`, `import("m")`, `require("m")`, `vi.mock("m")`.
const SPECIFIER = /(?:\b(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\s+from\s+)?|\bimport\s*\(\s*|\brequire\s*\(\s*|\bvi\.mock\s*\(\s*)["'`]([^"'`]+)["'`]/g;

/** The module specifiers in `src` that point into app/, given the file they are in. */
function importsIntoApp(file: string, src: string): string[] {
  const out: string[] = [];
  for (const m of src.matchAll(SPECIFIER)) {
    const spec = m[1];
    let target: string | null = null;
    if (spec === "@/app" || spec.startsWith("@/app/")) target = path.join(root, spec.slice(2));
    else if (spec.startsWith(".")) target = path.resolve(path.dirname(file), spec);
    if (target && (target === appDir || target.startsWith(appDir + path.sep))) out.push(spec);
  }
  return out;
}

describe("layering: components/ and lib/ never import from app/", () => {
  it("no file under components/ or lib/ imports a module under app/ (statically or dynamically)", () => {
    const files = scanned.flatMap((d) => sourceFiles(path.join(root, d)));
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.flatMap((f) => importsIntoApp(f, fs.readFileSync(f, "utf8")).map((spec) => `${path.relative(root, f)} → ${spec}`));
    expect(offenders).toEqual([]);
  });

  it("recognises every form of import into app/ (so an empty answer above means something)", () => {
    const file = path.join(root, "components/orders/example.tsx");
    const src = [
      'import { a } from "@/app/(site)/orders/actions";',
      'import type { B } from "../../app/(store)/layout";',
      'export { c } from "@/app/actions/x";',
      'import "../../app/globals.css";',
      'const d = await import("@/app/(admin)/admin/actions");',
      "const e = await import('../../app/page');",
      'import {\n  f,\n  g,\n} from "@/app/(seller)/seller/actions";',
      // Not into app/: a lib module, a package, a folder merely named like it.
      'import { h } from "@/lib/orders/actions/cart";',
      'import { i } from "next/app";',
      'import { j } from "@/application/x";',
      'import { k } from "./app/local";',
    ].join("\n");
    expect(importsIntoApp(file, src)).toEqual([
      "@/app/(site)/orders/actions",
      "../../app/(store)/layout",
      "@/app/actions/x",
      "../../app/globals.css",
      "@/app/(admin)/admin/actions",
      "../../app/page",
      "@/app/(seller)/seller/actions",
    ]);
  });
});
