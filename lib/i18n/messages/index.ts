// Messages per locale, one JSON file per namespace (lib/i18n/messages/<locale>/<ns>.json).
// Add a namespace by adding its two imports and its line in `catalog` below.
import type { Locale } from "../config";
import enAdmin from "./en/admin.json";
import enAuth from "./en/auth.json";
import enCatalog from "./en/catalog.json";
import enCommon from "./en/common.json";
import enErrors from "./en/errors.json";
import enMedia from "./en/media.json";
import enMetrics from "./en/metrics.json";
import enOrders from "./en/orders.json";
import enProtection from "./en/protection.json";
import enOnboarding from "./en/onboarding.json";
import enSandbox from "./en/sandbox.json";
import enSeller from "./en/seller.json";
import enShelves from "./en/shelves.json";
import enSite from "./en/site.json";
import enStore from "./en/store.json";
import enNotifications from "./en/notifications.json";
import enOpenapi from "./en/openapi.json";
import enFunds from "./en/funds.json";
import enPromotions from "./en/promotions.json";
import zhAdmin from "./zh-CN/admin.json";
import zhAuth from "./zh-CN/auth.json";
import zhCatalog from "./zh-CN/catalog.json";
import zhCommon from "./zh-CN/common.json";
import zhErrors from "./zh-CN/errors.json";
import zhMedia from "./zh-CN/media.json";
import zhMetrics from "./zh-CN/metrics.json";
import zhOrders from "./zh-CN/orders.json";
import zhProtection from "./zh-CN/protection.json";
import zhOnboarding from "./zh-CN/onboarding.json";
import zhSandbox from "./zh-CN/sandbox.json";
import zhSeller from "./zh-CN/seller.json";
import zhShelves from "./zh-CN/shelves.json";
import zhSite from "./zh-CN/site.json";
import zhStore from "./zh-CN/store.json";
import zhNotifications from "./zh-CN/notifications.json";
import zhOpenapi from "./zh-CN/openapi.json";
import zhFunds from "./zh-CN/funds.json";
import zhPromotions from "./zh-CN/promotions.json";

import enFieldsAuth from "./en/fields-auth.json";
import enFieldsCatalog from "./en/fields-catalog.json";
import enFieldsMetrics from "./en/fields-metrics.json";
import enFieldsOpenapi from "./en/fields-openapi.json";
import enFieldsOrders from "./en/fields-orders.json";
import enFieldsProtection from "./en/fields-protection.json";
import enFieldsPromotions from "./en/fields-promotions.json";
import enFieldsShelves from "./en/fields-shelves.json";
import zhFieldsAuth from "./zh-CN/fields-auth.json";
import zhFieldsCatalog from "./zh-CN/fields-catalog.json";
import zhFieldsMetrics from "./zh-CN/fields-metrics.json";
import zhFieldsOpenapi from "./zh-CN/fields-openapi.json";
import zhFieldsOrders from "./zh-CN/fields-orders.json";
import zhFieldsProtection from "./zh-CN/fields-protection.json";
import zhFieldsPromotions from "./zh-CN/fields-promotions.json";
import zhFieldsShelves from "./zh-CN/fields-shelves.json";

// Field-error messages (errors.fields.<key>) come from errors.json plus one file per area,
// so each area adds its own keys without touching the others'.
const enErrorsAll = { ...enErrors, messages: { ...enErrors.messages, ...enProtection.errorMessages }, fields: { ...enErrors.fields, ...enFieldsAuth, ...enFieldsCatalog, ...enFieldsMetrics, ...enFieldsOpenapi, ...enFieldsOrders, ...enFieldsProtection, ...enFieldsPromotions, ...enFieldsShelves } };
const zhErrorsAll = { ...zhErrors, messages: { ...zhErrors.messages, ...zhProtection.errorMessages }, fields: { ...zhErrors.fields, ...zhFieldsAuth, ...zhFieldsCatalog, ...zhFieldsMetrics, ...zhFieldsOpenapi, ...zhFieldsOrders, ...zhFieldsProtection, ...zhFieldsPromotions, ...zhFieldsShelves } };

const catalog = {
  en: { admin: enAdmin, auth: enAuth, catalog: enCatalog, common: enCommon, errors: enErrorsAll, media: enMedia, metrics: enMetrics, orders: enOrders, protection: enProtection, onboarding: enOnboarding, sandbox: enSandbox, seller: enSeller, shelves: enShelves, site: enSite, store: enStore, notifications: enNotifications, openapi: enOpenapi, funds: enFunds, promotions: enPromotions },
  "zh-CN": { admin: zhAdmin, auth: zhAuth, catalog: zhCatalog, common: zhCommon, errors: zhErrorsAll, media: zhMedia, metrics: zhMetrics, orders: zhOrders, protection: zhProtection, onboarding: zhOnboarding, sandbox: zhSandbox, seller: zhSeller, shelves: zhShelves, site: zhSite, store: zhStore, notifications: zhNotifications, openapi: zhOpenapi, funds: zhFunds, promotions: zhPromotions },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof catalog)["en"];

export function messagesFor(locale: Locale): Messages {
  return catalog[locale] as Messages;
}
