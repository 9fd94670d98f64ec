// Which message namespaces the client components under an app/ folder use. Walks the static
// import graph from every file in the folder (stopping at nested folders that set their own
// messages), and once it crosses a "use client" boundary collects useTranslations("ns")
// from every file below it: server components read messages on the server and need none.
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const exts = [".tsx", ".ts", "/index.tsx", "/index.ts"];

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(root, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  if (fs.existsSync(base) && fs.statSync(base).isFile()) return base;
  for (const e of exts) if (fs.existsSync(base + e)) return base + e;
  return null;
}

function sourceFiles(dir: string, skip: (d: string) => boolean): string[] {
  const out: string[] = [];
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name);
    if (ent.isDirectory()) {
      if (!skip(p)) out.push(...sourceFiles(p, skip));
    } else if (/\.tsx?$/.test(ent.name)) out.push(p);
  }
  return out;
}

const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
const USE_T = /useTranslations\(\s*(?:["'`]([^"'`]*)["'`])?\s*\)/g;

/**
 * Namespaces used client-side from `dir` (a folder or a component file, relative to the repo
 * root); `""` means all messages. The walk stops at the other `ownScopes`: nested folders and
 * component files that wrap what they render in their own <ClientMessages>.
 */
export function clientNamespaces(dir: string, ownScopes: string[]): Set<string> {
  const abs = path.join(root, dir);
  const others = ownScopes.filter((s) => s !== dir).map((s) => path.join(root, s));
  const entries = fs.statSync(abs).isFile() ? [abs] : sourceFiles(abs, (d) => others.includes(d));
  const used = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string, client: boolean) => {
    if (others.includes(file)) return;
    const src = fs.readFileSync(file, "utf8");
    // Server actions run on the server even when a client component imports them.
    if (/^\s*["']use server["']/.test(src)) return;
    const isClient = client || /^\s*["']use client["']/.test(src);
    const key = `${file}:${isClient}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (isClient) for (const m of src.matchAll(USE_T)) used.add(m[1] ?? "");
    for (const m of src.matchAll(IMPORT)) {
      if (/^import\s+type\b/.test(m[0])) continue;
      const target = resolveImport(file, m[1] ?? m[2]);
      if (target) visit(target, isClient);
    }
  };
  for (const f of entries) visit(f, false);
  return used;
}
