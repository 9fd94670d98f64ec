import "server-only";
// Which sub-merchants (特约商户) are bound to which service provider. At WeChat Pay the
// relation comes from onboarding (进件) in the service provider's merchant platform; here an
// admin approving a store binds its merchant id (lib/stores/payments.ts calls bindSubMerchant
// while the sandbox is the WeChat Pay in use), and the inspector can unbind one to show what
// an unbound store meets. Every partner call for an unbound sub_mchid is refused with
// WeChat's 403 NO_AUTH "受理关系不存在".
import type { Db, Tx } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { apiErrors } from "./protocol";

/** WeChat Pay's default cap on what a service provider may share from a sub-merchant's order: 30%. */
export const DEFAULT_MAX_RATIO_BPS = 3000;

export async function isBound(spMchid: string, subMchid: string, client: Db | Tx = db): Promise<boolean> {
  if (!subMchid) return false;
  return (await client.sandboxPaySubMerchant.count({ where: { spMchid, subMchid } })) > 0;
}

/** Throws NO_AUTH unless `subMchid` is bound to `spMchid`. */
export async function requireBound(spMchid: string, subMchid: string, client: Db | Tx = db): Promise<void> {
  if (!(await isBound(spMchid, subMchid, client))) throw apiErrors.noRelation();
}

/** Binds a sub-merchant (idempotent: a bound one keeps its ratio unless one is given). */
export async function bindSubMerchant(input: { spMchid: string; subMchid: string; name: string; maxRatioBps?: number }, client: Db | Tx = db): Promise<void> {
  await client.sandboxPaySubMerchant.upsert({
    where: { spMchid_subMchid: { spMchid: input.spMchid, subMchid: input.subMchid } },
    create: { spMchid: input.spMchid, subMchid: input.subMchid, name: input.name.slice(0, 128), maxRatioBps: input.maxRatioBps ?? DEFAULT_MAX_RATIO_BPS },
    update: { name: input.name.slice(0, 128), ...(input.maxRatioBps !== undefined ? { maxRatioBps: input.maxRatioBps } : {}) },
  });
}

/** Ends a relation (the inspector's "unbind"): the sub-merchant's next partner call is refused. */
export async function unbindSubMerchant(spMchid: string, subMchid: string, client: Db | Tx = db): Promise<boolean> {
  const { count } = await client.sandboxPaySubMerchant.deleteMany({ where: { spMchid, subMchid } });
  return count > 0;
}

export async function subMerchant(spMchid: string, subMchid: string, client: Db | Tx = db) {
  return client.sandboxPaySubMerchant.findUnique({ where: { spMchid_subMchid: { spMchid, subMchid } }, select: { subMchid: true, name: true, maxRatioBps: true, boundAt: true } });
}
