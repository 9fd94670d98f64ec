import "server-only";
// Messages between the parties on a case (with images): the buyer, the store's sellers and
// the platform's admins all read them. Posting is open while the case is.
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { assertCaseImagesUsable, partyCase } from "./access";
import { writeAudit } from "./audit";
import { isOpenRequest } from "./constants";
import { tellBuyer, tellStore } from "./notify";
import { messageInput } from "./schemas";

/** Posts a message on a case as its buyer, one of its store's sellers (storeId given), or an admin. */
export async function postCaseMessage(actor: Actor | null, requestId: string, input: { body: string; imageIds?: string[] }, storeId?: string): Promise<{ id: string }> {
  const { key, by } = await partyCase(actor, requestId, storeId);
  const data = parseInput(messageInput, input);
  return db.$transaction(async (tx) => {
    const r = await tx.afterSaleRequest.findUniqueOrThrow({ where: { id: requestId }, select: { caseNo: true, status: true, escalateBy: true, complaint: { select: { id: true } } } });
    const escalatable = r.status === "CLOSED" && !r.complaint && !!r.escalateBy && r.escalateBy.getTime() > Date.now();
    if (!isOpenRequest(r.status) && !escalatable) throw new AppError("INVALID_STATE", "This case is closed.", { details: { messageKey: "caseClosed" } });
    await assertCaseImagesUsable(tx, { by, storeId: key.storeId, imageIds: data.imageIds, field: "imageIds" });
    const msg = await tx.caseMessage.create({
      data: { requestId, complaintId: r.complaint?.id ?? null, authorId: by.id!, authorRole: by.kind, body: data.body, imageIds: [...new Set(data.imageIds)] },
      select: { id: true },
    });
    const ref = { id: requestId, caseNo: r.caseNo, storeId: key.storeId, buyerId: key.buyerId };
    if (by.kind !== "BUYER") await tellBuyer(tx, ref, "MESSAGE");
    if (by.kind !== "SELLER") await tellStore(tx, ref, "MESSAGE");
    if (by.kind === "ADMIN") await writeAudit(tx, { actorId: by.id!, action: "CASE_MESSAGE", subjectType: "AfterSaleRequest", subjectId: requestId, data: { messageId: msg.id } });
    return msg;
  });
}
