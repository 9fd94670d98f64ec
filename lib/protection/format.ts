// Small client-safe helpers for showing cases.
export interface ReturnAddressView {
  recipient: string;
  phone: string;
  address: string;
}

/** The return address frozen on a request (stored as JSON text; older free text is shown as is). */
export function parseReturnAddress(s: string | null | undefined): ReturnAddressView | null {
  if (!s) return null;
  try {
    const v = JSON.parse(s) as Partial<ReturnAddressView>;
    if (typeof v.recipient === "string" && typeof v.phone === "string" && typeof v.address === "string") return { recipient: v.recipient, phone: v.phone, address: v.address };
  } catch {
    // not JSON
  }
  return { recipient: "", phone: "", address: s };
}
