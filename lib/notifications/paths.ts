// Where notifications live and where they lead. Pure: safe for client components.
import type { Role } from "@/lib/auth/actor";

/** Each role's notification centre. */
export function notificationCentrePath(role: Role): string {
  return role === "ADMIN" ? "/admin/notifications" : role === "SELLER" ? "/seller/notifications" : "/me/notifications";
}

export function notificationSettingsPath(role: Role): string {
  return `${notificationCentrePath(role)}/settings`;
}

export const links = {
  sellerOrder: (storeId: string, orderId: string) => `/seller/stores/${storeId}/orders/${orderId}`,
  buyerOrder: (orderId: string) => `/orders/${orderId}`,
  sellerStore: (storeId: string) => `/seller/stores/${storeId}`,
  sellerStock: (storeId: string, itemId: string, skuId: string) => `/seller/stores/${storeId}/stock?${new URLSearchParams({ itemId, skuId })}`,
  adminStore: (storeId: string) => `/admin/stores/${storeId}`,
  sellerFunds: (storeId: string) => `/seller/stores/${storeId}/funds`,
  sellerFlashSales: (storeId: string) => `/seller/stores/${storeId}/flash-sales`,
  sellerCoupons: (storeId: string) => `/seller/stores/${storeId}/coupons`,
};
