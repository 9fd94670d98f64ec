import "server-only";
// What each party can do with a case right now, from its state and the clock: the pages
// show exactly these controls (the domain functions check the same rules again).
import type { AfterSaleStatus, AfterSaleType, ComplaintStatus } from "@/lib/db/generated/enums";
import { canMoveComplaint } from "./complaint-state";
import { isOpenRequest } from "./constants";
import { canMoveRequest } from "./request-state";

export type Viewer = "BUYER" | "SELLER" | "ADMIN";

export interface CaseState {
  type: AfterSaleType;
  status: AfterSaleStatus;
  sellerDueAt: Date | null;
  buyerDueAt: Date | null;
  escalateBy: Date | null;
  complaint: { status: ComplaintStatus; evidenceFrom: string | null } | null;
  /** The case's last refund is held by WeChat Pay as ABNORMAL (see heldByWechat). */
  refundHeldByWechat?: boolean;
}

/**
 * A refund WeChat Pay accepted (it has WeChat's refund id) and then reported ABNORMAL: the
 * buyer's account refused the money, which WeChat Pay keeps until the merchant settles it in
 * the merchant platform. Sending a new refund would pay the buyer twice once that is done.
 * (One refused outright, with no WeChat refund id, or CLOSED, moved no money.)
 */
export function heldByWechat(refund: { status: string; refundId: string | null } | null | undefined): boolean {
  return refund?.status === "ABNORMAL" && refund.refundId !== null;
}

export interface Abilities {
  accept: boolean;
  reject: boolean;
  offer: boolean;
  confirmReturn: boolean;
  rejectReturn: boolean;
  acceptOffer: boolean;
  declineOffer: boolean;
  shipReturn: boolean;
  withdraw: boolean;
  escalate: boolean;
  submitEvidence: boolean;
  message: boolean;
  requestEvidence: boolean;
  settle: boolean;
  retryRefund: boolean;
  closeRefund: boolean;
}

const before = (d: Date | null, now: Date) => !d || d.getTime() > now.getTime();

export function abilitiesFor(viewer: Viewer, c: CaseState, now: Date): Abilities {
  const can = (t: Parameters<typeof canMoveRequest>[2]) => canMoveRequest(c.status, c.type, t);
  const buyer = viewer === "BUYER";
  const seller = viewer === "SELLER";
  const admin = viewer === "ADMIN";
  const complaintOpen = !!c.complaint && (c.complaint.status === "OPEN" || c.complaint.status === "AWAITING_EVIDENCE");
  const escalatable = !c.complaint && can("ESCALATE") && !!c.escalateBy && c.escalateBy.getTime() > now.getTime();
  return {
    accept: seller && (can("SELLER_ACCEPT_REFUND") || can("SELLER_ACCEPT_RETURN")),
    reject: seller && can("SELLER_REJECT") && before(c.sellerDueAt, now),
    offer: seller && can("SELLER_OFFER") && before(c.sellerDueAt, now),
    confirmReturn: seller && can("SELLER_CONFIRM_RETURN"),
    rejectReturn: seller && can("SELLER_REJECT_RETURN") && before(c.sellerDueAt, now),
    acceptOffer: buyer && can("BUYER_ACCEPT_OFFER") && before(c.buyerDueAt, now),
    declineOffer: buyer && can("BUYER_DECLINE_OFFER"),
    shipReturn: buyer && can("BUYER_SHIP_RETURN") && before(c.buyerDueAt, now),
    withdraw: buyer && can("BUYER_WITHDRAW") && (c.status !== "ESCALATED" || complaintOpen),
    escalate: buyer && escalatable,
    submitEvidence: (buyer || seller) && c.complaint?.status === "AWAITING_EVIDENCE" && c.complaint.evidenceFrom === viewer,
    message: isOpenRequest(c.status) || escalatable,
    requestEvidence: admin && !!c.complaint && canMoveComplaint(c.complaint.status, "REQUEST_EVIDENCE"),
    settle: admin && complaintOpen && c.status === "ESCALATED",
    retryRefund: admin && can("ADMIN_RETRY_REFUND") && !c.refundHeldByWechat,
    closeRefund: admin && can("ADMIN_CLOSE_REFUND"),
  };
}
