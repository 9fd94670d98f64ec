import "server-only";
import { requireActor, type Actor, type Role } from "./actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export interface MyProfile {
  id: string;
  name: string;
  role: Role;
  email: string | null;
  avatarUrl: string | null;
  /** Signed in through WeChat (buyers). */
  wechat: boolean;
  createdAt: Date;
}

/** The signed-in user's own account, for the account page. */
export async function getMyProfile(actor: Actor | null): Promise<MyProfile> {
  const me = requireActor(actor);
  const user = await db.user.findUnique({
    where: { id: me.userId },
    select: { id: true, name: true, role: true, email: true, avatarUrl: true, wechatOpenId: true, createdAt: true },
  });
  if (!user) throw new AppError("NOT_FOUND", "Not found");
  return { id: user.id, name: user.name, role: user.role, email: user.email, avatarUrl: user.avatarUrl, wechat: !!user.wechatOpenId, createdAt: user.createdAt };
}
