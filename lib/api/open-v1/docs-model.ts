// Turns an OpenAPI 3.1 document into what the docs page shows: endpoints grouped by tag,
// flattened field tables, example bodies and curl commands. Pure (no I/O), so it is tested
// and rendered without a server.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonSchema = { [k: string]: unknown };

export interface FieldRow {
  /** Dotted path; "[]" marks array items, e.g. "skus[].priceFen". */
  path: string;
  type: string;
  required: boolean;
  description?: string;
  /** Limits and allowed values, e.g. "1–60 characters", "FREE | FLAT | PER_ITEM". */
  constraints: string[];
  /** Set on the first row of a variant of a union ("type = text"). */
  variant?: string;
  depth: number;
}

export interface DocParameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  type: string;
  description?: string;
  constraints: string[];
}

export interface DocResponse {
  status: string;
  description: string;
  fields: FieldRow[];
  example?: Json;
}

export interface DocEndpoint {
  id: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  parameters: DocParameter[];
  body?: { contentType: string; fields: FieldRow[]; example?: Json; binary: boolean };
  responses: DocResponse[];
  curl: string;
}

export interface DocSection {
  tag: string;
  description?: string;
  endpoints: DocEndpoint[];
}

interface OpenApiLike {
  servers?: { url: string }[];
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown> };
}

const METHODS = ["get", "post", "put", "patch", "delete"];

function deref(s: JsonSchema | undefined, defs: Record<string, unknown>, seen: Set<string> = new Set()): JsonSchema {
  if (!s) return {};
  const ref = s.$ref as string | undefined;
  if (ref?.startsWith("#/components/schemas/")) {
    const name = ref.slice("#/components/schemas/".length);
    if (seen.has(name)) return { type: "object", description: `(${name})` };
    seen.add(name);
    const { $ref: _r, ...rest } = s;
    return { ...deref(defs[name] as JsonSchema, defs, seen), ...rest };
  }
  return s;
}

/** The non-null branches of anyOf/oneOf, and whether null is allowed. */
function branches(s: JsonSchema): { options: JsonSchema[]; nullable: boolean } {
  const list = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (!list) return { options: [s], nullable: false };
  const options = list.filter((o) => o.type !== "null");
  return { options, nullable: options.length !== list.length };
}

export function typeLabel(raw: JsonSchema | undefined, defs: Record<string, unknown>): string {
  const s = deref(raw, defs);
  const { options, nullable } = branches(s);
  const base = options.length > 1 ? [...new Set(options.map((o) => typeLabel(o, defs)))].join(" | ") : single(options[0] ?? {}, defs);
  return nullable ? `${base} | null` : base;
}

function single(raw: JsonSchema, defs: Record<string, unknown>): string {
  const s = deref(raw, defs);
  if (s.anyOf || s.oneOf) return typeLabel(s, defs);
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.type === "array") {
    const item = typeLabel(s.items as JsonSchema, defs);
    return item.includes(" | ") ? `(${item})[]` : `${item}[]`;
  }
  if (Array.isArray(s.enum)) return "enum";
  if (s.type === "string" && s.format) return `string (${s.format})`;
  if (typeof s.type === "string") return s.type;
  if (s.properties) return "object";
  return "any";
}

export function constraintsOf(raw: JsonSchema | undefined, defs: Record<string, unknown>): string[] {
  const s = deref(raw, defs);
  const out: string[] = [];
  const { options } = branches(s);
  const t = options.length === 1 ? deref(options[0], defs) : s;
  const range = (min: unknown, max: unknown, unit: string) => {
    if (typeof min === "number" && typeof max === "number") out.push(min === max ? `${min} ${unit}` : `${min}–${max} ${unit}`.trim());
    else if (typeof min === "number") out.push(`≥ ${min} ${unit}`.trim());
    else if (typeof max === "number") out.push(`≤ ${max} ${unit}`.trim());
  };
  if (Array.isArray(t.enum)) out.push((t.enum as Json[]).map((v) => String(v)).join(" | "));
  if (t.type === "string") range(t.minLength, t.maxLength, "characters");
  if (t.type === "integer" || t.type === "number") range(t.minimum, t.maximum, "");
  if (t.type === "array") range(t.minItems, t.maxItems, "items");
  if (typeof t.pattern === "string") out.push(`pattern ${t.pattern}`);
  if (s.default !== undefined && !(Array.isArray(s.default) && s.default.length === 0)) out.push(`default ${JSON.stringify(s.default)}`);
  return out;
}

/** Flattens an object schema into rows: nested objects, arrays of objects and union variants included. */
export function fieldRows(raw: JsonSchema | undefined, defs: Record<string, unknown>, prefix = "", depth = 0): FieldRow[] {
  const s = deref(raw, defs);
  if (depth > 5) return [];
  const props = s.properties as Record<string, JsonSchema> | undefined;
  if (!props) return [];
  const required = new Set((s.required as string[] | undefined) ?? []);
  const rows: FieldRow[] = [];
  for (const [name, propRaw] of Object.entries(props)) {
    const prop = deref(propRaw, defs);
    const path = prefix + name;
    rows.push({
      path,
      type: typeLabel(prop, defs),
      required: required.has(name),
      description: prop.description as string | undefined,
      constraints: constraintsOf(prop, defs),
      depth,
    });
    rows.push(...nestedRows(prop, defs, path, depth + 1));
  }
  return rows;
}

function nestedRows(prop: JsonSchema, defs: Record<string, unknown>, path: string, depth: number): FieldRow[] {
  const { options } = branches(prop);
  if (options.length !== 1) return variantRows(options, defs, `${path}.`, depth);
  const t = deref(options[0], defs);
  if (t.properties) return fieldRows(t, defs, `${path}.`, depth);
  if (t.type === "array") {
    const item = deref(t.items as JsonSchema, defs);
    const itemOptions = branches(item).options;
    if (itemOptions.length > 1) return variantRows(itemOptions, defs, `${path}[].`, depth);
    if (deref(itemOptions[0], defs).properties) return fieldRows(itemOptions[0], defs, `${path}[].`, depth);
  }
  return [];
}

function variantRows(options: JsonSchema[], defs: Record<string, unknown>, prefix: string, depth: number): FieldRow[] {
  const objects = options.map((o) => deref(o, defs)).filter((o) => o.properties);
  return objects.flatMap((o) => {
    const rows = fieldRows(o, defs, prefix, depth);
    const tag = Object.entries(o.properties as Record<string, JsonSchema>).find(([, p]) => p.const !== undefined);
    if (rows.length && tag) rows[0] = { ...rows[0], variant: `${tag[0]} = ${String(tag[1].const)}` };
    return rows;
  });
}

/** An example value: the schema's own example, else one made up from its type. */
export function exampleOf(raw: JsonSchema | undefined, defs: Record<string, unknown>, name = "", depth = 0): Json {
  const s = deref(raw, defs);
  if (Array.isArray(s.examples) && s.examples.length) return s.examples[0] as Json;
  if (s.const !== undefined) return s.const as Json;
  if (s.default !== undefined && !(Array.isArray(s.default) && s.default.length === 0)) return s.default as Json;
  if (depth > 6) return null;
  const { options } = branches(s);
  if (s.anyOf || s.oneOf) return options.length ? exampleOf(options[0], defs, name, depth) : null;
  if (Array.isArray(s.enum)) return s.enum[0] as Json;
  switch (s.type) {
    case "object": {
      const props = (s.properties ?? {}) as Record<string, JsonSchema>;
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, exampleOf(v, defs, k, depth + 1)]));
    }
    case "array":
      return [exampleOf(s.items as JsonSchema, defs, name, depth + 1)];
    case "integer":
    case "number":
      if (/Fen$/.test(name)) return 12800;
      return typeof s.minimum === "number" && s.minimum > 0 ? s.minimum : 1;
    case "boolean":
      return false;
    case "string":
      if (s.format === "date-time") return "2025-03-01T08:00:00.000Z";
      if (/(^id$|Id$)/.test(name)) return `${name === "id" ? "" : name.replace(/Id$/, "")}_id`.replace(/^_/, "") || "id";
      if (/Url$|^url$/.test(name)) return "https://example.com/media/abc/640.webp";
      return name || "string";
    default:
      return null;
  }
}

function shellQuote(s: string) {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function curlFor(opts: { method: string; path: string; serverUrl: string; body?: Json; binaryType?: string; idempotent: boolean; query?: Record<string, string> }): string {
  const path = opts.path.replace(/\{(\w+)\}/g, (_m, n: string) => `$${n.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`);
  const qs = opts.query && Object.keys(opts.query).length ? `?${new URLSearchParams(opts.query).toString()}` : "";
  const lines = [`curl ${opts.method === "GET" ? "" : `-X ${opts.method} `}"${opts.serverUrl}${path}${qs}"`, `  -H "Authorization: Bearer $LS_TOKEN"`];
  if (opts.idempotent) lines.push(`  -H "Idempotency-Key: $(uuidgen)"`);
  if (opts.binaryType) lines.push(`  -H "Content-Type: ${opts.binaryType}"`, `  --data-binary @photo.jpg`);
  else if (opts.body !== undefined) lines.push(`  -H "Content-Type: application/json"`, `  -d ${shellQuote(JSON.stringify(opts.body))}`);
  return lines.join(" \\\n");
}

type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: "path" | "query" | "header"; required?: boolean; description?: string; schema?: JsonSchema }[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: JsonSchema }> }>;
};

/** The document as the docs page shows it: one section per tag, in the document's tag order. */
export function docSections(doc: OpenApiLike): DocSection[] {
  const defs = doc.components?.schemas ?? {};
  const serverUrl = doc.servers?.[0]?.url ?? "";
  const byTag = new Map<string, DocEndpoint[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = ops[method] as Operation | undefined;
      if (!op) continue;
      const parameters: DocParameter[] = (op.parameters ?? []).map((p) => ({
        name: p.name,
        in: p.in,
        required: !!p.required,
        type: typeLabel(p.schema, defs),
        description: p.description ?? (p.schema?.description as string | undefined),
        constraints: constraintsOf(p.schema, defs),
      }));
      const content = op.requestBody?.content ?? {};
      const json = content["application/json"];
      const binaryType = !json ? Object.keys(content)[0] : undefined;
      const body = json
        ? { contentType: "application/json", fields: fieldRows(json.schema, defs), example: exampleOf(json.schema, defs), binary: false }
        : binaryType
          ? { contentType: Object.keys(content).join(", "), fields: [], binary: true }
          : undefined;
      const responses: DocResponse[] = Object.entries(op.responses)
        .filter(([status]) => status !== "default")
        .map(([status, r]) => {
          const schema = r.content?.["application/json"]?.schema;
          const isError = !status.startsWith("2");
          return { status, description: r.description, fields: schema && !isError ? fieldRows(schema, defs) : [], ...(schema && !isError ? { example: exampleOf(schema, defs) } : {}) };
        })
        .sort((a, b) => a.status.localeCompare(b.status));
      const tag = op.tags?.[0] ?? "Other";
      const list = byTag.get(tag) ?? [];
      list.push({
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        summary: op.summary,
        description: op.description,
        parameters,
        body,
        responses,
        curl: curlFor({
          method: method.toUpperCase(),
          path,
          serverUrl,
          body: body?.example,
          binaryType: binaryType ? "image/jpeg" : undefined,
          idempotent: parameters.some((p) => p.name === "Idempotency-Key"),
        }),
      });
      byTag.set(tag, list);
    }
  }
  const order = (doc.tags ?? []).map((t) => t.name);
  const tags = [...new Set([...order, ...byTag.keys()])].filter((t) => byTag.has(t));
  return tags.map((tag) => ({ tag, description: doc.tags?.find((t) => t.name === tag)?.description, endpoints: byTag.get(tag)! }));
}
