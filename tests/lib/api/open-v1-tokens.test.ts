// A store's Open API tokens created at the same moment (two members, a double submit)
// cannot together pass the limit of 20 active tokens.
import { describe, expect, it } from "vitest";
import { createStoreApiToken } from "@/lib/api/open-v1/tokens";
import { getDb } from "@/lib/db/client";
import { useTestDatabase } from "../../support/db";
import { authWorld } from "../../support/fixtures";

useTestDatabase();

describe("store API token limit", () => {
  it("issues only as many of several simultaneous tokens as the limit leaves room for", async () => {
    const w = await authWorld();
    for (let i = 0; i < 15; i++) await createStoreApiToken(w.sellerA, w.storeA.id, { name: `t${i}` });
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => createStoreApiToken(w.sellerA, w.storeA.id, { name: `rush ${i}` })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "VALIDATION", fieldErrors: { name: ["apiTokensTooMany"] } });
    expect(await getDb().apiToken.count({ where: { storeId: w.storeA.id, kind: "MERCHANT", revokedAt: null } })).toBe(20);
  });
});
