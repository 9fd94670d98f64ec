import { describe, expect, it } from "vitest";
import { issueBuyerToken, issueToken, verifyBearer } from "@/lib/auth/api-tokens";
import { getDb } from "@/lib/db/client";
import { useTestDatabase } from "../../support/db";
import { createUser } from "../../support/fixtures";

useTestDatabase();

describe("bearer tokens", () => {
  // Lookups made at the same moment share one statement (lib/db/batch.ts): 40 at once go as
  // a few batches, and each must still get its own token's answer.
  it("answers each of many lookups made at once with its own token's identity, or null", async () => {
    const buyers = await Promise.all(Array.from({ length: 10 }, () => createUser("BUYER")));
    const tokens = await Promise.all(buyers.map((b) => issueBuyerToken(b.id)));
    const revoked = await issueBuyerToken(buyers[0].id);
    await getDb().apiToken.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    const expired = await issueToken({ kind: "BUYER", userId: buyers[1].id, expiresAt: new Date(Date.now() - 1000) });
    const disabled = await createUser("BUYER");
    const disabledToken = await issueBuyerToken(disabled.id);
    await getDb().user.update({ where: { id: disabled.id }, data: { disabled: true } });

    const asked: { header: string; want: string | null }[] = [];
    for (let round = 0; round < 3; round++) {
      tokens.forEach((t, i) => asked.push({ header: `Bearer ${t.token}`, want: buyers[i].id }));
      asked.push({ header: `Bearer ${revoked.token}`, want: null });
      asked.push({ header: `Bearer ${expired.token}`, want: null });
      asked.push({ header: `Bearer ${disabledToken.token}`, want: null });
      asked.push({ header: `Bearer lsb_${"x".repeat(43)}`, want: null }); // unknown
    }
    const answers = await Promise.all(asked.map((a) => verifyBearer(a.header, "BUYER")));
    expect(answers.map((a) => a?.actor?.userId ?? null)).toEqual(asked.map((a) => a.want));
    expect(answers.filter(Boolean).every((a) => a!.kind === "BUYER")).toBe(true);
  });

  it("refuses a token of the other kind and a malformed or missing header", async () => {
    const buyer = await createUser("BUYER");
    const t = await issueBuyerToken(buyer.id);
    expect(await verifyBearer(`Bearer ${t.token}`, "MERCHANT")).toBeNull();
    expect(await verifyBearer(`Basic ${t.token}`, "BUYER")).toBeNull();
    expect(await verifyBearer(null, "BUYER")).toBeNull();
    expect((await verifyBearer(`Bearer ${t.token}`, "BUYER"))?.actor?.userId).toBe(buyer.id);
  });
});
