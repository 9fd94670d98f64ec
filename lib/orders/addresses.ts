import "server-only";
// A buyer's saved shipping addresses.
import { requireRole, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { lockForTransaction } from "@/lib/db/locks";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { addressInput, type AddressInput } from "./schemas";

const MAX_ADDRESSES = 20;

export const addressSelect = { id: true, recipient: true, phone: true, province: true, city: true, district: true, detail: true, isDefault: true } as const;

export async function listAddresses(actor: Actor | null) {
  const buyer = requireRole(actor, "BUYER");
  return db.address.findMany({ where: { userId: buyer.userId }, select: addressSelect, orderBy: [{ isDefault: "desc" }, { updatedAt: "desc" }] });
}

export async function saveAddress(actor: Actor | null, input: AddressInput & { id?: string; makeDefault?: boolean }) {
  const buyer = requireRole(actor, "BUYER");
  const data = parseInput(addressInput, input);
  return db.$transaction(async (tx) => {
    // One save per buyer at a time (two tabs, a double submit): the count, the limit and
    // "exactly one default" are read and written without another save in between.
    await lockForTransaction(tx, `address-book:${buyer.userId}`);
    const count = await tx.address.count({ where: { userId: buyer.userId } });
    if (input.id) {
      const own = await tx.address.findFirst({ where: { id: input.id, userId: buyer.userId }, select: { id: true } });
      if (!own) throw new AppError("NOT_FOUND", "Address not found");
    } else if (count >= MAX_ADDRESSES) {
      throw new AppError("VALIDATION", "Too many addresses.", { fieldErrors: { _form: ["tooManyAddresses"] } });
    }
    const makeDefault = input.makeDefault || count === 0;
    if (makeDefault) await tx.address.updateMany({ where: { userId: buyer.userId, isDefault: true }, data: { isDefault: false } });
    const saved = input.id
      ? await tx.address.update({ where: { id: input.id }, data: { ...data, ...(makeDefault ? { isDefault: true } : {}) }, select: addressSelect })
      : await tx.address.create({ data: { ...data, userId: buyer.userId, isDefault: makeDefault }, select: addressSelect });
    return saved;
  });
}

export async function deleteAddress(actor: Actor | null, id: string) {
  const buyer = requireRole(actor, "BUYER");
  const { count } = await db.address.deleteMany({ where: { id, userId: buyer.userId } });
  if (!count) throw new AppError("NOT_FOUND", "Address not found");
}

export async function getOwnAddress(userId: string, id: string) {
  const a = await db.address.findFirst({ where: { id, userId }, select: addressSelect });
  if (!a) throw new AppError("NOT_FOUND", "Address not found", { fieldErrors: { addressId: ["addressUnknown"] } });
  return a;
}
