import "server-only";
// The sandbox's WeChat users: who a tester can be on the consent page.
import { z } from "zod";
import { db, type Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { newOpenId, newUnionId, OPENID_PATTERN } from "./ids";

export interface SandboxUser {
  openid: string;
  unionid: string;
  nickname: string;
  headimgurl: string;
  createdAt: Date;
}

const select = { openid: true, unionid: true, nickname: true, headimgurl: true, createdAt: true } as const;

export const sandboxUserInput = z.object({
  // WeChat nicknames are short; 32 characters covers them.
  nickname: z.string().trim().min(1, { error: "required" }).max(32, { error: "tooLong" }),
  openid: z.string().regex(OPENID_PATTERN, { error: "invalid" }).optional(),
  unionid: z.string().regex(OPENID_PATTERN, { error: "invalid" }).optional(),
});
export type SandboxUserInput = z.input<typeof sandboxUserInput>;

/** WeChat serves avatars from its own host; the sandbox serves them itself. */
export function sandboxAvatarUrl(openid: string): string {
  return `${env().APP_URL}/sandbox/wechat/avatar/${openid}.svg`;
}

export function listSandboxUsers(limit = 100): Promise<SandboxUser[]> {
  return db.sandboxWechatUser.findMany({ select, orderBy: [{ createdAt: "desc" }, { openid: "asc" }], take: limit });
}

export function getSandboxUser(openid: string, tx: Tx = db): Promise<SandboxUser | null> {
  return tx.sandboxWechatUser.findUnique({ where: { openid }, select });
}

/**
 * A new sandbox WeChat user. The openid and unionid are generated in WeChat's shape unless
 * given (the demo seed uses fixed ones); a taken openid is a field error.
 */
export async function createSandboxUser(input: SandboxUserInput, tx: Tx = db): Promise<SandboxUser> {
  const data = parseInput(sandboxUserInput, input);
  const openid = data.openid ?? newOpenId();
  try {
    return await tx.sandboxWechatUser.create({
      data: { openid, unionid: data.unionid ?? newUnionId(), nickname: data.nickname, headimgurl: sandboxAvatarUrl(openid) },
      select,
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new AppError("VALIDATION", "That openid is taken.", { fieldErrors: { openid: ["invalid"] } });
    }
    throw e;
  }
}
