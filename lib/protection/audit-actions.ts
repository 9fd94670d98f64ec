// What the admin audit log records: one action per kind of admin decision. writeAudit takes
// only these, and each has its words in both languages (protection.audit.actions.*, checked
// by tests/lib/protection/audit.test.ts).
export const AUDIT_ACTIONS = [
  "STORE_APPROVE",
  "STORE_REJECT",
  "STORE_SUSPEND",
  "STORE_REINSTATE",
  "STORE_PAYMENTS_RECHECK",
  "COMPLAINT_REQUEST_EVIDENCE",
  "COMPLAINT_SETTLE",
  "REFUND_RETRY",
  "REFUND_MARK_HANDLED",
  "CASE_MESSAGE",
  "SETTLEMENT_RETRY",
  "FEE_RATE_SET",
  "RECON_RESOLVE",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The kinds of record an entry can be about (protection.audit.subjects.*). */
export const AUDIT_SUBJECT_TYPES = ["Store", "Complaint", "AfterSaleRequest", "Order", "FeeRate", "ReconDiscrepancy"] as const;
