// The purchase-protection terms frozen into every order at checkout: later changes to the
// programme never change what an existing order was promised.
import { env } from "@/lib/env";

export interface ProtectionTerms {
  version: 1;
  /** After-sale requests may be opened until this many days after receipt. */
  afterSaleDaysAfterReceipt: number;
  /** The seller must answer a request within this many hours, or it is accepted. */
  sellerResponseHours: number;
  /** After a seller's rejection, the buyer may complain to the platform within this many days. */
  complaintDaysAfterRejection: number;
  /** Evidence images per request. */
  maxEvidenceImages: number;
}

export function currentProtectionTerms(): ProtectionTerms {
  return {
    version: 1,
    afterSaleDaysAfterReceipt: env().PROTECTION_AFTER_SALE_DAYS,
    sellerResponseHours: env().PROTECTION_SELLER_SLA_HOURS,
    complaintDaysAfterRejection: 7,
    maxEvidenceImages: 9,
  };
}
