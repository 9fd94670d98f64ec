import "server-only";
// A coupon's notices to its store: it started (when scheduled for later), it ended (with how
// many were claimed and used), its last copy was claimed. Each job finishes its own Job row in
// the transaction that notifies, so a second delivery (a worker that died before completing it)
// says nothing again.
import { db, type Tx } from "@/lib/db/client";
import type { ClaimedJob } from "@/lib/jobs/queue";
import type { JobResult } from "@/lib/jobs/worker";
import { notifyStore } from "@/lib/notifications/notify";
import { links } from "@/lib/notifications/paths";

type Ref = { couponId?: string };

async function once(job: ClaimedJob | undefined, run: (tx: Tx) => Promise<void>) {
  await db.$transaction(async (tx) => {
    if (job) {
      const finished = await tx.$executeRaw`UPDATE "Job" SET "doneAt" = now(), "lockedUntil" = NULL WHERE id = ${job.id} AND "doneAt" IS NULL`;
      if (finished === 0) return;
    }
    await run(tx);
  });
}

const couponOf = (couponId: string) =>
  db.coupon.findUnique({ where: { id: couponId }, select: { id: true, storeId: true, name: true, status: true, stoppedAt: true, startsAt: true, endsAt: true, totalQuantity: true, remaining: true } });

export async function couponStartJob(payload: unknown, job?: ClaimedJob): Promise<JobResult> {
  const { couponId } = payload as Ref;
  const c = couponId ? await couponOf(couponId) : null;
  if (!c || c.status === "STOPPED") return;
  if (c.startsAt.getTime() > Date.now()) return { rescheduleAt: c.startsAt };
  await once(job, (tx) => notifyStore(tx, c.storeId, { kind: "COUPON_STARTED", params: { couponName: c.name }, link: links.sellerCoupons(c.storeId), subject: { type: "coupon", id: c.id } }).then(() => {}));
}

export async function couponEndJob(payload: unknown, job?: ClaimedJob): Promise<JobResult> {
  const { couponId } = payload as Ref;
  const c = couponId ? await couponOf(couponId) : null;
  // Stopped early by the seller: they know.
  if (!c || (c.stoppedAt && c.stoppedAt < c.endsAt)) return;
  if (c.endsAt.getTime() > Date.now()) return { rescheduleAt: c.endsAt };
  const used = await db.couponClaim.count({ where: { couponId: c.id, status: "USED" } });
  await once(job, (tx) =>
    notifyStore(tx, c.storeId, { kind: "COUPON_ENDED", params: { couponName: c.name, claimed: c.totalQuantity - c.remaining, used }, link: links.sellerCoupons(c.storeId), subject: { type: "coupon", id: c.id } }).then(() => {}),
  );
}

/** Queued by ls_claim_coupon (prisma/sql/30-promotions.sql) when a claim takes the last copy. */
export async function couponClaimedOutJob(payload: unknown, job?: ClaimedJob): Promise<JobResult> {
  const { couponId } = payload as Ref;
  const c = couponId ? await couponOf(couponId) : null;
  if (!c || c.remaining > 0) return;
  await once(job, (tx) =>
    notifyStore(tx, c.storeId, { kind: "COUPON_CLAIMED_OUT", params: { couponName: c.name, totalQuantity: c.totalQuantity }, link: links.sellerCoupons(c.storeId), subject: { type: "coupon", id: c.id } }).then(() => {}),
  );
}
