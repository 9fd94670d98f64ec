// The docs page's model of the OpenAPI document (pure): field tables, types, examples and
// curl commands, checked on small schemas and on the real document.
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/open-v1/document";
import { curlFor, docSections, exampleOf, fieldRows, typeLabel } from "@/lib/api/open-v1/docs-model";

const defs = { Money: { type: "integer", minimum: 0, description: "In fen." } };

describe("field tables", () => {
  it("flattens nested objects, arrays of objects and union variants with their constraints", () => {
    const schema = {
      type: "object",
      required: ["title", "blocks"],
      properties: {
        title: { type: "string", minLength: 1, maxLength: 60, description: "Up to 60." },
        price: { $ref: "#/components/schemas/Money" },
        note: { anyOf: [{ type: "string", maxLength: 5 }, { type: "null" }] },
        mode: { type: "string", enum: ["FREE", "FLAT"], default: "FREE" },
        blocks: {
          type: "array",
          items: {
            oneOf: [
              { type: "object", required: ["type", "text"], properties: { type: { type: "string", const: "text" }, text: { type: "string" } } },
              { type: "object", required: ["type"], properties: { type: { type: "string", const: "image" }, imageId: { type: "string" } } },
            ],
          },
        },
      },
    };
    const rows = fieldRows(schema, defs);
    expect(rows.map((r) => [r.path, r.type, r.required])).toEqual([
      ["title", "string", true],
      ["price", "integer", false],
      ["note", "string | null", false],
      ["mode", "enum", false],
      ["blocks", "object[]", true],
      ["blocks[].type", '"text"', true],
      ["blocks[].text", "string", true],
      ["blocks[].type", '"image"', true],
      ["blocks[].imageId", "string", false],
    ]);
    expect(rows[0].constraints).toEqual(["1–60 characters"]);
    expect(rows[1].description).toBe("In fen.");
    expect(rows[2].constraints).toEqual(["≤ 5 characters"]);
    expect(rows[3].constraints).toEqual(["FREE | FLAT", 'default "FREE"']);
    expect(rows[5].variant).toBe("type = text");
    expect(rows[7].variant).toBe("type = image");
  });

  it("names types, including nullable and array ones", () => {
    expect(typeLabel({ type: "array", items: { type: "string" } }, {})).toBe("string[]");
    expect(typeLabel({ anyOf: [{ type: "string", format: "date-time" }, { type: "null" }] }, {})).toBe("string (date-time) | null");
    expect(typeLabel({ type: "array", items: { anyOf: [{ type: "string" }, { type: "integer" }] } }, {})).toBe("(string | integer)[]");
  });
});

describe("examples", () => {
  it("prefers the schema's own example and otherwise makes one up from the types", () => {
    expect(exampleOf({ type: "object", examples: [{ a: 1 }], properties: { a: { type: "integer" } } }, {})).toEqual({ a: 1 });
    expect(exampleOf({ type: "object", properties: { skuId: { type: "string" }, priceFen: { type: "integer" }, at: { type: "string", format: "date-time" }, ok: { type: "boolean" } } }, {})).toEqual({
      skuId: "sku_id",
      priceFen: 12800,
      at: "2025-03-01T08:00:00.000Z",
      ok: false,
    });
  });

  it("quotes bodies for the shell, single quotes included", () => {
    const curl = curlFor({ method: "POST", path: "/orders/{orderId}/delivery", serverUrl: "https://x.test/api/open/v1", body: { note: "it's" }, idempotent: true });
    expect(curl).toContain('curl -X POST "https://x.test/api/open/v1/orders/$ORDER_ID/delivery"');
    expect(curl).toContain(`-d '{"note":"it'\\''s"}'`);
    expect(curl).toContain("Idempotency-Key");
  });
});

describe("the real document", () => {
  const sections = docSections(openApiDocument());

  it("groups every endpoint under its tag, in the document's tag order", () => {
    expect(sections.map((s) => s.tag)).toEqual(["Store", "Products", "Stock", "Groups", "Shelf", "Orders", "After-sales", "Funds", "Promotions"]);
    expect(sections.flatMap((s) => s.endpoints).length).toBe(Object.values(openApiDocument().paths).flatMap((p) => Object.keys(p)).length);
  });

  it("documents request fields, parameters, examples and curl for each endpoint", () => {
    const all = sections.flatMap((s) => s.endpoints);
    const create = all.find((e) => e.id === "createProduct")!;
    expect(create.body?.fields.find((f) => f.path === "skus[].priceFen")).toMatchObject({ type: "integer", required: true, constraints: ["1–100000000"] });
    expect(create.body?.example).toMatchObject({ title: "明前龙井 250g", putOnSale: true });
    expect(create.responses.map((r) => r.status)).toEqual(expect.arrayContaining(["201", "401", "422", "429"]));
    const list = all.find((e) => e.id === "listOrders")!;
    expect(list.parameters.map((p) => p.name)).toEqual(["status", "createdFrom", "createdTo", "page", "pageSize"]);
    expect(list.curl).toBe('curl "http://localhost:3000/api/open/v1/orders" \\\n  -H "Authorization: Bearer $LS_TOKEN"'.replace("http://localhost:3000", openApiDocument().servers[0].url.replace("/api/open/v1", "")));
    const upload = all.find((e) => e.id === "uploadImage")!;
    expect(upload.body?.binary).toBe(true);
    expect(upload.curl).toContain("--data-binary @photo.jpg");
    const ship = all.find((e) => e.id === "setDelivery")!;
    expect(ship.curl).toContain(`-d '{"carrier":"SF","trackingNo":"SF1234567890123"}'`);
    for (const e of all) expect(e.responses.find((r) => r.status.startsWith("2"))?.fields.length, e.id).toBeGreaterThan(0);
  });
});
