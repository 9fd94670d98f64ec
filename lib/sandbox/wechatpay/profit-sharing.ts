import "server-only";
// The sandbox's profit sharing (分账) for a service provider: the sub-merchant's agreed maximum
// share (GET /v3/profitsharing/merchant-configs/{sub_mchid}) and its receivers (POST
// /v3/profitsharing/receivers/add). As WeChat Pay: only for a bound sub-merchant (403 NO_AUTH),
// the receiver's name is sent encrypted with the platform key (RSAES-OAEP) under the
// Wechatpay-Serial header and must be the receiver's full registered name, and adding the same
// receiver again answers the same.
import { z } from "zod";
import type { Db, Tx } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import type { WechatPaySandboxConfig } from "@/lib/payments/wechatpay/config";
import { decryptSensitive } from "@/lib/payments/wechatpay/crypto";
import { apiErrors } from "./protocol";
import { requireBound, subMerchant } from "./sub-merchants";
import { parseOrThrow } from "./validation";

const MCH_ID = /^\d{8,12}$/;

/** GET /v3/profitsharing/merchant-configs/{sub_mchid} */
export async function merchantConfig(subMchid: string, cfg: WechatPaySandboxConfig): Promise<Record<string, unknown>> {
  if (!MCH_ID.test(subMchid)) throw apiErrors.param("sub_mchid格式错误", { field: "sub_mchid", location: "path" });
  await requireBound(cfg.mchId, subMchid);
  const sub = (await subMerchant(cfg.mchId, subMchid))!;
  return { sub_mchid: subMchid, max_ratio: sub.maxRatioBps };
}

const receiverBody = z.object({
  sub_mchid: z.string().regex(MCH_ID, { error: "sub_mchid格式错误" }),
  appid: z.string().min(1).max(32),
  sub_appid: z.string().max(32).optional(),
  type: z.enum(["MERCHANT_ID", "PERSONAL_OPENID", "PERSONAL_SUB_OPENID"], { error: "分账接收方类型错误" }),
  account: z.string().min(1).max(64),
  name: z.string().max(1024).optional(),
  relation_type: z.enum(["SERVICE_PROVIDER", "STORE", "STAFF", "STORE_OWNER", "PARTNER", "HEADQUARTER", "BRAND", "DISTRIBUTOR", "USER", "SUPPLIER", "CUSTOM"], { error: "与分账方的关系类型错误" }),
  custom_relation: z.string().max(10).optional(),
});

/** The registered full name of a merchant account the sandbox knows: the platform, or a bound sub-merchant. */
async function merchantName(account: string, cfg: WechatPaySandboxConfig): Promise<string | null> {
  if (account === cfg.mchId) return cfg.spName;
  const sub = await db.sandboxPaySubMerchant.findFirst({ where: { spMchid: cfg.mchId, subMchid: account }, select: { name: true } });
  return sub?.name ?? null;
}

/** POST /v3/profitsharing/receivers/add */
export async function addReceiver(body: unknown, req: Request, cfg: WechatPaySandboxConfig): Promise<Record<string, unknown>> {
  const input = parseOrThrow(receiverBody, body);
  if (input.appid !== cfg.appId) throw apiErrors.appidMismatch();
  await requireBound(cfg.mchId, input.sub_mchid);
  if (input.type !== "MERCHANT_ID") throw apiErrors.invalidRequest("沙箱仅支持商户号（MERCHANT_ID）分账接收方");
  if (input.relation_type === "CUSTOM" && !input.custom_relation) throw apiErrors.param("relation_type为CUSTOM时custom_relation必填", { field: "custom_relation", location: "body" });
  if (!input.name) throw apiErrors.param("分账接收方类型为MERCHANT_ID时name必填", { field: "name", location: "body" });
  // The name is encrypted with the platform certificate the Wechatpay-Serial header names.
  if (req.headers.get("wechatpay-serial") !== cfg.platformSerial) throw apiErrors.param("Wechatpay-Serial对应的平台证书不存在或已过期", { location: "header" });
  const name = decryptSensitive(cfg.platformPrivateKey, input.name);
  if (name === null) throw apiErrors.param("敏感信息解密失败", { field: "name", location: "body" });
  const registered = await merchantName(input.account, cfg);
  if (registered === null) throw apiErrors.invalidRequest("分账接收方账号不存在");
  if (registered !== name) throw apiErrors.invalidRequest("分账接收方全称与账号不匹配");
  await recordReceiver({ spMchid: cfg.mchId, subMchid: input.sub_mchid, account: input.account, type: input.type, relationType: input.relation_type });
  return { sub_mchid: input.sub_mchid, type: input.type, account: input.account, relation_type: input.relation_type, ...(input.custom_relation ? { custom_relation: input.custom_relation } : {}) };
}

/** Records a receiver (idempotent). Also the demo seed's and tests' onboarding. */
export async function recordReceiver(r: { spMchid: string; subMchid: string; account: string; type?: string; relationType?: string }, client: Db | Tx = db): Promise<void> {
  const relationType = r.relationType ?? "SERVICE_PROVIDER";
  await client.sandboxPayShareReceiver.upsert({
    where: { spMchid_subMchid_account: { spMchid: r.spMchid, subMchid: r.subMchid, account: r.account } },
    create: { spMchid: r.spMchid, subMchid: r.subMchid, type: r.type ?? "MERCHANT_ID", account: r.account, relationType },
    update: { relationType },
  });
}
