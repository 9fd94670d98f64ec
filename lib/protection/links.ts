// Where each party reads a case (client-safe).
export const caseLinks = {
  buyer: (requestId: string) => `/cases/${encodeURIComponent(requestId)}`,
  seller: (storeId: string, requestId: string) => `/seller/stores/${encodeURIComponent(storeId)}/cases/${encodeURIComponent(requestId)}`,
  sellerList: (storeId: string) => `/seller/stores/${encodeURIComponent(storeId)}/cases`,
  adminComplaint: (complaintId: string) => `/admin/complaints/${encodeURIComponent(complaintId)}`,
  adminCase: (requestId: string) => `/admin/cases/${encodeURIComponent(requestId)}`,
  adminRefunds: () => "/admin/refunds",
  newRequest: (orderId: string) => `/orders/${encodeURIComponent(orderId)}/after-sale/new`,
};
