// Records for integration tests, written straight through Prisma (fast, and independent
// of the domain code under test). Use inside a file that called useTestDatabase().
import crypto from "node:crypto";
import sharp from "sharp";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { recordReceiver } from "@/lib/sandbox/wechatpay/profit-sharing";
import { bindSubMerchant } from "@/lib/sandbox/wechatpay/sub-merchants";

const uid = () => crypto.randomBytes(4).toString("hex");

export async function createUser(role: "BUYER" | "SELLER" | "ADMIN", name = `${role.toLowerCase()}-${uid()}`) {
  return getDb().user.create({
    data: {
      role,
      name,
      email: role === "BUYER" ? null : `${name}@example.test`,
      wechatOpenId: role === "BUYER" ? `o${uid()}${uid()}` : null,
    },
    select: { id: true, name: true, email: true, role: true },
  });
}

export async function actorFor(userId: string): Promise<Actor> {
  const a = await loadActor(userId);
  if (!a) throw new Error("no such user");
  return a;
}

/**
 * A store. An approved one has a merchant id of its own that is bound to the platform as a
 * sub-merchant, in the WeChat Pay sandbox too (service-provider mode), as approval leaves it.
 */
export async function createStore(opts: { ownerId: string; status?: "PENDING" | "APPROVED" | "REJECTED" | "SUSPENDED"; slug?: string }) {
  const slug = opts.slug ?? `store-${uid()}`;
  const status = opts.status ?? "APPROVED";
  const mchId = `19${crypto.randomInt(10_000_000, 99_999_999)}`;
  const reviewed = status === "APPROVED" || status === "SUSPENDED";
  if (reviewed) {
    // What approval leaves in the sandbox: the sub-merchant bound, the platform its receiver.
    await bindSubMerchant({ spMchid: env().WECHATPAY_MCH_ID, subMchid: mchId, name: "Test Trading Co." });
    await recordReceiver({ spMchid: env().WECHATPAY_MCH_ID, subMchid: mchId, account: env().WECHATPAY_MCH_ID });
  }
  return getDb().store.create({
    data: {
      slug,
      name: `Store ${slug}`,
      description: "",
      businessName: "Test Trading Co.",
      officialAccountId: "gh_0123456789ab",
      mchId,
      contactPhone: "13800138000",
      status,
      ...(reviewed ? { payBinding: "BOUND" as const, payBoundAt: new Date(), shareMaxRatioBps: 3000 } : {}),
      members: { create: { userId: opts.ownerId, role: "OWNER" } },
    },
    select: { id: true, slug: true, name: true, status: true, mchId: true },
  });
}

/** An image row (no files) owned by a store or, with storeId null, by its uploader. */
export async function createImageRow(opts: { uploaderId: string; storeId: string | null }) {
  return getDb().image.create({
    data: { storeId: opts.storeId, uploaderId: opts.uploaderId, sourceType: "image/png", width: 800, height: 800, bytes: 1000, sha256: "0", variants: [160, 320, 640, 960, 1600] },
    select: { id: true },
  });
}

/** A real PNG of the given size, for upload tests. */
export function pngBytes(width = 200, height = 200, color = "#07c160"): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } }).png().toBuffer();
}

/**
 * The five actors every authorisation test tries: anonymous, a buyer, the seller of store
 * A, the seller of store B, and an admin.
 */
export async function authWorld() {
  const [buyerU, sellerAU, sellerBU, adminU] = await Promise.all([createUser("BUYER"), createUser("SELLER"), createUser("SELLER"), createUser("ADMIN")]);
  const storeA = await createStore({ ownerId: sellerAU.id });
  const storeB = await createStore({ ownerId: sellerBU.id });
  const [buyer, sellerA, sellerB, admin] = await Promise.all([buyerU, sellerAU, sellerBU, adminU].map((u) => actorFor(u.id)));
  return { anonymous: null, buyer, sellerA, sellerB, admin, storeA, storeB };
}
