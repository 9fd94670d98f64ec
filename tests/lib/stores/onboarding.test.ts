import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { applyForStore, resubmitApplication, updateStoreProfile } from "@/lib/stores/apply";
import { getMyStore, getStoreForAdmin, listMyStores, listStoresForAdmin } from "@/lib/stores/queries";
import { listAuditLog } from "@/lib/protection/audit";
import { approveStore, reinstateStore, rejectStore, suspendStore } from "@/lib/stores/review";
import { useTestDatabase } from "../../support/db";
import { actorFor, authWorld, createImageRow, createUser } from "../../support/fixtures";

useTestDatabase();

async function expectCode(p: Promise<unknown>, code: string) {
  const e = await p.then(
    () => null,
    (err) => err,
  );
  expect(e, `expected ${code}`).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}

async function newSeller(): Promise<{ actor: Actor; logo: string }> {
  const u = await createUser("SELLER");
  const logo = await createImageRow({ uploaderId: u.id, storeId: null });
  return { actor: await actorFor(u.id), logo: logo.id };
}

const application = (logoImageId: string, over: Record<string, string> = {}) => ({
  name: "青山茶铺",
  slug: `qingshan-${Math.random().toString(36).slice(2, 8)}`,
  logoImageId,
  description: "明前龙井，产地直发。",
  businessName: "杭州青山茶业有限公司",
  officialAccountId: "gh_0123456789ab",
  mchId: "1900000109",
  contactPhone: "13800138000",
  ...over,
});

describe("applying for a store", () => {
  it("creates a pending store owned by the applicant, claims the logo and starts the trail", async () => {
    const { actor, logo } = await newSeller();
    const input = application(logo, { slug: "  QingShan-Tea " });
    const store = await applyForStore(actor, input);
    expect(store.slug).toBe("qingshan-tea");
    const row = await getDb().store.findUniqueOrThrow({ where: { id: store.id }, select: { status: true, members: true, events: true } });
    expect(row.status).toBe("PENDING");
    expect(row.members).toEqual([expect.objectContaining({ userId: actor.userId, role: "OWNER" })]);
    expect(row.events.map((e) => e.type)).toEqual(["APPLY"]);
    expect((await getDb().image.findUniqueOrThrow({ where: { id: logo } })).storeId).toBe(store.id);
  });

  it.each([
    ["name", { name: "" }, "required"],
    ["name", { name: "x".repeat(31) }, "tooLong"],
    ["slug", { slug: "ab" }, "slugLength"],
    ["slug", { slug: "-abc" }, "slugFormat"],
    ["slug", { slug: "a--b" }, "slugFormat"],
    ["slug", { slug: "tea shop" }, "slugFormat"],
    ["slug", { slug: "admin" }, "slugReserved"],
    ["logoImageId", { logoImageId: "" }, "logoRequired"],
    ["businessName", { businessName: "x" }, "tooShort"],
    ["officialAccountId", { officialAccountId: "gh_12" }, "officialAccountFormat"],
    ["mchId", { mchId: "19000x0109" }, "mchIdFormat"],
    ["contactPhone", { contactPhone: "12345" }, "phoneFormat"],
  ])("rejects a bad %s with a field error and saves nothing", async (field, over, key) => {
    const { actor, logo } = await newSeller();
    const before = await getDb().store.count();
    const e = await expectCode(applyForStore(actor, application(logo, over)), "VALIDATION");
    expect(e.fieldErrors?.[field]).toContain(key);
    expect(await getDb().store.count()).toBe(before);
  });

  it("refuses a taken address, including two applicants racing for it", async () => {
    const a = await newSeller();
    const b = await newSeller();
    const results = await Promise.allSettled([
      applyForStore(a.actor, application(a.logo, { slug: "race-for-it" })),
      applyForStore(b.actor, application(b.logo, { slug: "race-for-it" })),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((failed.reason as AppError).fieldErrors?.slug).toEqual(["slugTaken"]);
    expect(await getDb().store.count({ where: { slug: "race-for-it" } })).toBe(1);
  });

  it("refuses a logo the applicant did not upload", async () => {
    const { actor } = await newSeller();
    const other = await newSeller();
    const e = await expectCode(applyForStore(actor, application(other.logo)), "VALIDATION");
    expect(e.fieldErrors?.logoImageId).toEqual(["imageUnknown"]);
  });

  it("is for sellers only", async () => {
    const w = await authWorld();
    const logo = await createImageRow({ uploaderId: w.buyer.userId, storeId: null });
    await expectCode(applyForStore(null, application(logo.id)), "UNAUTHENTICATED");
    await expectCode(applyForStore(w.buyer, application(logo.id)), "NOT_FOUND");
    await expectCode(applyForStore(w.admin, application(logo.id)), "NOT_FOUND");
  });
});

describe("review and moderation", () => {
  let world: Awaited<ReturnType<typeof authWorld>>;
  beforeAll(async () => {
    world = await authWorld();
  });

  async function pendingStore() {
    const s = await newSeller();
    const store = await applyForStore(s.actor, application(s.logo));
    return { ...s, storeId: store.id };
  }

  it("approves a pending application once; a second approval is refused", async () => {
    const { storeId } = await pendingStore();
    await approveStore(world.admin, storeId);
    const row = await getDb().store.findUniqueOrThrow({ where: { id: storeId } });
    expect(row.status).toBe("APPROVED");
    expect(row.reviewedById).toBe(world.admin.userId);
    await expectCode(approveStore(world.admin, storeId), "INVALID_STATE");
  });

  it("lets exactly one of two concurrent decisions win", async () => {
    const { storeId } = await pendingStore();
    const results = await Promise.allSettled([approveStore(world.admin, storeId), rejectStore(world.admin, storeId, "资料不全")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const events = await getDb().storeEvent.findMany({ where: { storeId }, select: { type: true } });
    expect(events.map((e) => e.type).filter((t) => t !== "APPLY")).toHaveLength(1);
  });

  it("requires a reason to reject, shows it to the applicant, who corrects and resubmits", async () => {
    const { actor, storeId, logo } = await pendingStore();
    const e = await expectCode(rejectStore(world.admin, storeId, " "), "VALIDATION");
    expect(e.fieldErrors?.reason).toEqual(["reasonRequired"]);
    await rejectStore(world.admin, storeId, "商户号与主体不一致");
    const seen = await getMyStore(await actorFor(actor.userId), storeId);
    expect(seen.status).toBe("REJECTED");
    expect(seen.statusReason).toBe("商户号与主体不一致");
    await resubmitApplication(await actorFor(actor.userId), storeId, application(logo, { mchId: "1900000110" }));
    const again = await getMyStore(await actorFor(actor.userId), storeId);
    expect(again.status).toBe("PENDING");
    expect(again.mchId).toBe("1900000110");
    expect(again.statusReason).toBeNull();
    expect(again.events.map((ev) => ev.type)).toEqual(["RESUBMIT", "REJECT", "APPLY"]);
  });

  it("suspends with a reason and reinstates; only from the right states", async () => {
    const { storeId } = await pendingStore();
    await expectCode(suspendStore(world.admin, storeId, "投诉过多"), "INVALID_STATE");
    await approveStore(world.admin, storeId);
    await expectCode(reinstateStore(world.admin, storeId), "INVALID_STATE");
    await suspendStore(world.admin, storeId, "投诉过多");
    expect((await getDb().store.findUniqueOrThrow({ where: { id: storeId } })).statusReason).toBe("投诉过多");
    await reinstateStore(world.admin, storeId);
    const row = await getDb().store.findUniqueOrThrow({ where: { id: storeId } });
    expect(row.status).toBe("APPROVED");
    expect(row.statusReason).toBeNull();
  });

  it("writes every decision to the audit log, with its reason, naming the store", async () => {
    const { storeId } = await pendingStore();
    await approveStore(world.admin, storeId);
    await suspendStore(world.admin, storeId, "投诉过多");
    await reinstateStore(world.admin, storeId);
    const rejected = await pendingStore();
    await rejectStore(world.admin, rejected.storeId, "资料不全");
    const trail = (await listAuditLog(world.admin, { subjectType: "Store", subjectId: storeId })).entries;
    expect(trail.map((e) => [e.action, e.actorId, e.reason])).toEqual([
      ["STORE_REINSTATE", world.admin.userId, null],
      ["STORE_SUSPEND", world.admin.userId, "投诉过多"],
      ["STORE_APPROVE", world.admin.userId, null],
    ]);
    expect(trail[0].subject).toEqual({ type: "Store", label: "青山茶铺", href: `/admin/stores/${storeId}` });
    const reject = (await listAuditLog(world.admin, { subjectId: rejected.storeId })).entries;
    expect(reject.map((e) => [e.action, e.reason])).toEqual([["STORE_REJECT", "资料不全"]]);
    // A refused decision leaves no row.
    await expectCode(approveStore(world.admin, storeId), "INVALID_STATE");
    expect(await getDb().auditLog.count({ where: { subjectId: storeId } })).toBe(3);
  });

  it("is for admins only: everyone else gets 404 and nothing changes", async () => {
    const { storeId } = await pendingStore();
    for (const actor of [world.buyer, world.sellerA, world.sellerB]) {
      await expectCode(approveStore(actor, storeId), "NOT_FOUND");
      await expectCode(rejectStore(actor, storeId, "no"), "NOT_FOUND");
      await expectCode(getStoreForAdmin(actor, storeId), "NOT_FOUND");
      await expectCode(listStoresForAdmin(actor), "NOT_FOUND");
    }
    await expectCode(approveStore(null, storeId), "UNAUTHENTICATED");
    expect((await getDb().store.findUniqueOrThrow({ where: { id: storeId } })).status).toBe("PENDING");
  });

  it("lists the review queue oldest first", async () => {
    const first = await pendingStore();
    const second = await pendingStore();
    const queue = await listStoresForAdmin(world.admin, { status: "PENDING" });
    const ids = queue.map((s) => s.id);
    expect(ids.indexOf(first.storeId)).toBeLessThan(ids.indexOf(second.storeId));
    expect(queue.every((s) => s.status === "PENDING")).toBe(true);
  });
});

describe("a seller's own stores", () => {
  it("shows sellers only their stores; others' stores are 404", async () => {
    const w = await authWorld();
    expect((await listMyStores(w.sellerA)).map((s) => s.id)).toEqual([w.storeA.id]);
    await expectCode(getMyStore(w.sellerA, w.storeB.id), "NOT_FOUND");
    await expectCode(getMyStore(w.admin, w.storeA.id), "NOT_FOUND");
    await expectCode(getMyStore(w.buyer, w.storeA.id), "NOT_FOUND");
    await expectCode(getMyStore(null, w.storeA.id), "UNAUTHENTICATED");
  });

  it("edits the public profile of an approved store, not someone else's", async () => {
    const w = await authWorld();
    const logo = await createImageRow({ uploaderId: w.sellerA.userId, storeId: w.storeA.id });
    await updateStoreProfile(w.sellerA, w.storeA.id, { name: "新名字", logoImageId: logo.id, description: "更新", contactPhone: "0571-88888888" });
    expect((await getDb().store.findUniqueOrThrow({ where: { id: w.storeA.id } })).name).toBe("新名字");
    await expectCode(updateStoreProfile(w.sellerB, w.storeA.id, { name: "x", logoImageId: logo.id, description: "", contactPhone: "13800138000" }), "NOT_FOUND");
    // B cannot use A's image in B's own store either.
    const e = await expectCode(updateStoreProfile(w.sellerB, w.storeB.id, { name: "x", logoImageId: logo.id, description: "", contactPhone: "13800138000" }), "VALIDATION");
    expect(e.fieldErrors?.logoImageId).toEqual(["imageUnknown"]);
  });
});
