import "server-only";
// OpenAPI 3.1 from the endpoints' zod schemas (JSON Schema 2020-12, which 3.1 uses as is).
import { z } from "zod";
import { errorSchema, type Endpoint } from "./endpoint";

function schemaOf(s: z.ZodType, io: "input" | "output", defs: Record<string, unknown>) {
  const json = z.toJSONSchema(s, { io, target: "draft-2020-12", unrepresentable: "any", override: () => {} }) as Record<string, unknown>;
  const { $schema: _s, $defs, ...rest } = json as { $schema?: string; $defs?: Record<string, unknown> };
  if ($defs) Object.assign(defs, $defs);
  return JSON.parse(JSON.stringify(rest).replaceAll('"#/$defs/', '"#/components/schemas/'));
}

function parametersOf(s: z.ZodType | undefined, where: "path" | "query", defs: Record<string, unknown>) {
  if (!s) return [];
  const obj = schemaOf(s, "input", defs) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(obj.properties ?? {}).map(([name, schema]) => ({
    name,
    in: where,
    required: where === "path" || (obj.required ?? []).includes(name),
    ...(schema.description ? { description: schema.description } : {}),
    schema,
  }));
}

export function buildOpenApi(opts: { title: string; version: string; description: string; serverUrl: string; endpoints: Endpoint[]; securityDescription: string }) {
  const defs: Record<string, unknown> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  schemaOf(errorSchema, "output", defs);
  for (const e of opts.endpoints) {
    const parameters = [
      ...parametersOf(e.params, "path", defs),
      ...parametersOf(e.query, "query", defs),
      ...(e.idempotencyKey
        ? [{ name: "Idempotency-Key", in: "header", required: e.idempotencyKey === "required", description: "A unique key per logical request (8–100 characters). A retry with the same key gets the first response; the same key with a different body gets 422.", schema: { type: "string", minLength: 8, maxLength: 100 } }]
        : []),
    ];
    const responses = Object.fromEntries(
      Object.entries(e.responses).map(([status, r]) => [
        status,
        { description: r.description, ...(r.schema ? { content: { "application/json": { schema: schemaOf(r.schema, "output", defs) } } } : {}) },
      ]),
    );
    for (const [status, description] of [
      ["401", "Missing, unknown or expired bearer token."],
      ["422", "Invalid input; `error.fieldErrors` names each bad field."],
    ] as const) {
      if (status === "401" && !e.auth) continue;
      responses[status] ??= { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
    }
    responses.default ??= { description: "Error.", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
    (paths[e.path] ??= {})[e.method.toLowerCase()] = {
      operationId: e.operationId,
      summary: e.summary,
      ...(e.description ? { description: e.description } : {}),
      tags: [e.tag],
      ...(parameters.length ? { parameters } : {}),
      ...(e.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(e.body, "input", defs) } } } } : {}),
      responses,
      ...(e.auth ? { security: [{ bearer: [] }] } : { security: [] }),
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: opts.title, version: opts.version, description: opts.description },
    servers: [{ url: opts.serverUrl }],
    paths,
    components: { schemas: defs, securitySchemes: { bearer: { type: "http", scheme: "bearer", description: opts.securityDescription } } },
  };
}
