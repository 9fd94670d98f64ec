// The API token page's server actions and reads, wired to the real domain and database: who
// may create, list and revoke a store's tokens, that the secret is handed out once and only
// its hash is kept, and that a revoked token stops working at once. Only the session is
// mocked: getActor() answers whoever the test says is signed in.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { handleOpenApi } from "@/lib/api/open-v1";
import { listStoreApiTokens } from "@/lib/api/open-v1/tokens";
import type { Actor } from "@/lib/auth/actor";
import { hashToken } from "@/lib/auth/api-tokens";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { messagesFor } from "@/lib/i18n/messages";
import { useTestDatabase } from "../../support/db";
import { authWorld, createStore } from "../../support/fixtures";

useTestDatabase();

const current = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock(import("@/lib/auth/session"), async (original) => ({ ...(await original()), getActor: async () => current.actor }));

const { createApiTokenAction, revokeApiTokenAction } = await import("@/app/(seller)/seller/stores/[storeId]/api-tokens/actions");
const { default: ApiTokensPage } = await import("@/app/(seller)/seller/stores/[storeId]/api-tokens/page");

// Outside a request the actions answer in the default locale.
const zh = messagesFor("zh-CN").errors as { fields: Record<string, string>; codes: Record<string, string> };

type Who = "anonymous" | "buyer" | "sellerA" | "sellerB" | "admin";
let w: Awaited<ReturnType<typeof authWorld>>;
const actorOf = (who: Who): Actor | null => (who === "anonymous" ? null : w[who]);

async function as<T>(who: Who, call: () => Promise<T>): Promise<T> {
  current.actor = actorOf(who);
  try {
    return await call();
  } finally {
    current.actor = null;
  }
}

function codeOf(r: unknown): string {
  const result = r as { ok?: boolean; code?: string };
  return result.ok ? "ok" : String(result.code);
}

async function expectOnly(allowed: Who[], call: () => Promise<unknown>) {
  for (const who of (["anonymous", "buyer", "sellerA", "sellerB", "admin"] as Who[]).filter((o) => !allowed.includes(o))) {
    expect(codeOf(await as(who, call)), `${who} must be refused`).toBe(who === "anonymous" ? "UNAUTHENTICATED" : "NOT_FOUND");
  }
}

function form(fields: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

async function storeCall(token: string) {
  return handleOpenApi(new Request("http://localhost:3000/api/open/v1/store", { headers: { Authorization: `Bearer ${token}` } }), "/store");
}

beforeAll(async () => {
  w = await authWorld();
});

describe("creating a token", () => {
  it("is for the store's sellers only", async () => {
    await expectOnly(["sellerA"], () => createApiTokenAction(null, form({ storeId: w.storeA.id, name: "不该有" })));
    expect(await getDb().apiToken.count({ where: { storeId: w.storeA.id } })).toBe(0);
  });

  it("hands the secret out once and keeps only its hash", async () => {
    const r = await as("sellerA", () => createApiTokenAction(null, form({ storeId: w.storeA.id, name: "仓库同步", expiresInDays: "90" })));
    if (!r?.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`);
    const { token, id, prefix } = r.data;
    expect(token).toMatch(/^lsm_[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(prefix)).toBe(true);
    const row = await getDb().apiToken.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ kind: "MERCHANT", storeId: w.storeA.id, userId: w.sellerA.userId, name: "仓库同步", tokenHash: hashToken(token), revokedAt: null });
    expect(JSON.stringify(row)).not.toContain(token);
    // About 90 days.
    expect(Math.round((row.expiresAt!.getTime() - Date.now()) / 86_400_000)).toBe(90);
    // The list shows the prefix, never the secret.
    const listed = await listStoreApiTokens(w.sellerA, w.storeA.id);
    expect(listed.find((t) => t.id === id)).toMatchObject({ name: "仓库同步", prefix, state: "ACTIVE", createdBy: w.sellerA.name });
    expect(JSON.stringify(listed)).not.toContain(token);
    // And it works.
    expect((await storeCall(token)).status).toBe(200);
  });

  it("reports a bad name against its field, translated, keeping what was typed", async () => {
    const empty = await as("sellerA", () => createApiTokenAction(null, form({ storeId: w.storeA.id, name: "  " })));
    expect(empty).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { name: [zh.fields.required] } });
    const long = "长".repeat(41);
    const tooLong = await as("sellerA", () => createApiTokenAction(null, form({ storeId: w.storeA.id, name: long, expiresInDays: "30" })));
    expect(tooLong).toMatchObject({ ok: false, fieldErrors: { name: [zh.fields.tooLong] }, values: { name: long, expiresInDays: "30" } });
    const lifetime = await as("sellerA", () => createApiTokenAction(null, form({ storeId: w.storeA.id, name: "x", expiresInDays: "7" })));
    expect(lifetime).toMatchObject({ ok: false, fieldErrors: { expiresInDays: [zh.fields.invalid] } });
  });

  it("stops at 20 active tokens per store", async () => {
    const seller = w.sellerB;
    const store = await createStore({ ownerId: seller.userId });
    const sellerB = { ...seller, storeIds: [...seller.storeIds, store.id] };
    current.actor = sellerB;
    try {
      for (let i = 0; i < 20; i++) expect((await createApiTokenAction(null, form({ storeId: store.id, name: `t${i}` })))?.ok).toBe(true);
      const over = await createApiTokenAction(null, form({ storeId: store.id, name: "one too many" }));
      expect(over).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { name: [zh.fields.apiTokensTooMany] } });
    } finally {
      current.actor = null;
    }
  });
});

describe("revoking a token", () => {
  it("is for the store's sellers only, takes effect at once, and repeats harmlessly", async () => {
    const created = await as("sellerA", () => createApiTokenAction(null, form({ storeId: w.storeA.id, name: "即将吊销" })));
    if (!created?.ok) throw new Error("create failed");
    const { id, token } = created.data;
    await expectOnly(["sellerA"], () => revokeApiTokenAction({ storeId: w.storeA.id, tokenId: id }));
    // Another store's seller naming their own store cannot reach A's token either.
    expect(codeOf(await as("sellerB", () => revokeApiTokenAction({ storeId: w.storeB.id, tokenId: id })))).toBe("NOT_FOUND");
    expect((await storeCall(token)).status).toBe(200);

    expect(await as("sellerA", () => revokeApiTokenAction({ storeId: w.storeA.id, tokenId: id }))).toEqual({ ok: true, data: null });
    expect((await storeCall(token)).status).toBe(401);
    expect((await listStoreApiTokens(w.sellerA, w.storeA.id)).find((t) => t.id === id)?.state).toBe("REVOKED");
    expect(await as("sellerA", () => revokeApiTokenAction({ storeId: w.storeA.id, tokenId: id }))).toEqual({ ok: true, data: null });
    expect(codeOf(await as("sellerA", () => revokeApiTokenAction({ storeId: w.storeA.id, tokenId: "no-such-token" })))).toBe("NOT_FOUND");
  });
});

describe("seeing the tokens", () => {
  it("lists them for the store's sellers only; the page is a 404 for anyone else", async () => {
    for (const who of ["buyer", "sellerB", "admin"] as const) {
      const e = await listStoreApiTokens(w[who], w.storeA.id).then(() => null, (x) => x);
      expect(e instanceof AppError && e.code, who).toBe("NOT_FOUND");
    }
    const page = await as("sellerB", () => ApiTokensPage({ params: Promise.resolve({ storeId: w.storeA.id }) }).then(() => null, (x) => x));
    expect(String((page as { digest?: string })?.digest)).toMatch(/404/);
  });

  it("marks a token whose creator left the store", async () => {
    const { createUser, actorFor } = await import("../../support/fixtures");
    const staff = await createUser("SELLER");
    await getDb().storeMember.create({ data: { storeId: w.storeA.id, userId: staff.id, role: "STAFF" } });
    current.actor = await actorFor(staff.id);
    const created = await createApiTokenAction(null, form({ storeId: w.storeA.id, name: "staff" }));
    current.actor = null;
    if (!created?.ok) throw new Error("create failed");
    await getDb().storeMember.delete({ where: { storeId_userId: { storeId: w.storeA.id, userId: staff.id } } });
    expect((await listStoreApiTokens(w.sellerA, w.storeA.id)).find((t) => t.id === created.data.id)?.state).toBe("CREATOR_LEFT");
  });
});
