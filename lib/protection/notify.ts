import "server-only";
// Who hears about what happens on a case, inside the transaction of the change (a rolled-back
// change notifies nobody). Every notification links to the case page of its reader.
import type { Tx } from "@/lib/db/client";
import type { NotificationKind } from "@/lib/notifications/kinds";
import { notifyAdmins, notifyStore, notifyUsers } from "@/lib/notifications/notify";
import { caseLinks } from "./links";

export interface CaseRef {
  id: string;
  caseNo: string;
  storeId: string;
  buyerId: string;
}

const subject = (c: CaseRef) => ({ type: "AfterSaleRequest", id: c.id });

/** The buyer: `event` is what happened (a transition or MESSAGE / EVIDENCE_REQUESTED …). */
export async function tellBuyer(tx: Tx, c: CaseRef, event: string, kind: NotificationKind = "CASE_UPDATED", extra: Record<string, string | number> = {}) {
  await notifyUsers(tx, [c.buyerId], { kind, params: { caseNo: c.caseNo, event, ...extra }, link: caseLinks.buyer(c.id), subject: subject(c) });
}

/** Every member of the store. */
export async function tellStore(tx: Tx, c: CaseRef, event: string, kind: NotificationKind = "CASE_UPDATED", extra: Record<string, string | number> = {}) {
  await notifyStore(tx, c.storeId, { kind, params: { caseNo: c.caseNo, event, ...extra }, link: caseLinks.seller(c.storeId, c.id), subject: subject(c) });
}

/** Every admin. */
export async function tellAdmins(tx: Tx, kind: NotificationKind, link: string, params: Record<string, string | number>, subj: { type: string; id: string }) {
  await notifyAdmins(tx, { kind, params, link, subject: subj });
}
