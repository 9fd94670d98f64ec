import "server-only";
import { requireRole, requireStoreMember, type Actor } from "@/lib/auth/actor";
import { invalidate, tags } from "@/lib/cache";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { assertImagesUsable, claimImages } from "@/lib/media/images";
import { notifyNewApplication } from "@/lib/notifications/emit";
import { parseInput } from "@/lib/validation";
import { storeApplicationInput, storeProfileInput, type StoreApplicationInput, type StoreProfileInput } from "./schemas";
import { transitionStore } from "./state";

function slugTaken(): AppError {
  return new AppError("VALIDATION", "That address is taken.", { fieldErrors: { slug: ["slugTaken"] } });
}


/** A seller applies to open a store; it waits, PENDING, for an admin's review. */
export async function applyForStore(actor: Actor | null, input: StoreApplicationInput): Promise<{ id: string; slug: string }> {
  const seller = requireRole(actor, "SELLER");
  const data = parseInput(storeApplicationInput, input);
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.store.findUnique({ where: { slug: data.slug }, select: { id: true } })) throw slugTaken();
      await assertImagesUsable(tx, { userId: seller.userId, storeId: null, imageIds: [data.logoImageId], field: "logoImageId" });
      const store = await tx.store.create({
        data: { ...data, status: "PENDING", members: { create: { userId: seller.userId, role: "OWNER" } } },
        select: { id: true, slug: true },
      });
      await claimImages(tx, { userId: seller.userId, storeId: store.id, imageIds: [data.logoImageId] });
      await tx.storeEvent.create({ data: { storeId: store.id, type: "APPLY", toStatus: "PENDING", actorId: seller.userId } });
      await notifyNewApplication(tx, store.id, { resubmitted: false });
      return store;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw slugTaken(); // two applicants racing for one slug
    throw e;
  }
}

/** After a rejection the applicant corrects the application and sends it again. */
export async function resubmitApplication(actor: Actor | null, storeId: string, input: StoreApplicationInput): Promise<void> {
  const seller = requireStoreMember(actor, storeId);
  const data = parseInput(storeApplicationInput, input);
  try {
    await db.$transaction(async (tx) => {
      const clash = await tx.store.findUnique({ where: { slug: data.slug }, select: { id: true } });
      if (clash && clash.id !== storeId) throw slugTaken();
      await assertImagesUsable(tx, { userId: seller.userId, storeId, imageIds: [data.logoImageId], field: "logoImageId" });
      await claimImages(tx, { userId: seller.userId, storeId, imageIds: [data.logoImageId] });
      await transitionStore(tx, { storeId, transition: "RESUBMIT", actorId: seller.userId });
      await tx.store.update({ where: { id: storeId }, data });
      await notifyNewApplication(tx, storeId, { resubmitted: true });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw slugTaken();
    throw e;
  }
}

/** An approved (or suspended) store edits its public profile. */
export async function updateStoreProfile(actor: Actor | null, storeId: string, input: StoreProfileInput): Promise<void> {
  const seller = requireStoreMember(actor, storeId);
  const data = parseInput(storeProfileInput, input);
  const store = await db.$transaction(async (tx) => {
    const current = await tx.store.findUnique({ where: { id: storeId }, select: { status: true, slug: true } });
    if (!current) throw new AppError("NOT_FOUND", "Store not found");
    if (current.status !== "APPROVED" && current.status !== "SUSPENDED") {
      throw new AppError("INVALID_STATE", "Edit the application instead while it is under review.");
    }
    await assertImagesUsable(tx, { userId: seller.userId, storeId, imageIds: [data.logoImageId], field: "logoImageId" });
    await claimImages(tx, { userId: seller.userId, storeId, imageIds: [data.logoImageId] });
    // A blank return-address part clears it; a part left out stays as it was.
    const blankToNull = (v: string | undefined) => (v === undefined ? undefined : v || null);
    await tx.store.update({
      where: { id: storeId },
      data: { ...data, returnRecipient: blankToNull(data.returnRecipient), returnPhone: blankToNull(data.returnPhone), returnAddress: blankToNull(data.returnAddress) },
    });
    await tx.storeEvent.create({ data: { storeId, type: "PROFILE_UPDATED", actorId: seller.userId } });
    return current;
  });
  invalidate(tags.store(storeId), tags.storeSlug(store.slug), tags.stores());
}

