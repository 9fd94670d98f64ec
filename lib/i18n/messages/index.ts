// Messages per locale, one JSON file per namespace (lib/i18n/messages/<locale>/<ns>.json).
// Add a namespace by adding its two imports and its line in `catalog` below.
import type { Locale } from "../config";
import enAdmin from "./en/admin.json";
import enAuth from "./en/auth.json";
import enCatalog from "./en/catalog.json";
import enCommon from "./en/common.json";
import enErrors from "./en/errors.json";
import enOnboarding from "./en/onboarding.json";
import enSandbox from "./en/sandbox.json";
import enSeller from "./en/seller.json";
import enShelves from "./en/shelves.json";
import enStore from "./en/store.json";
import zhAdmin from "./zh-CN/admin.json";
import zhAuth from "./zh-CN/auth.json";
import zhCatalog from "./zh-CN/catalog.json";
import zhCommon from "./zh-CN/common.json";
import zhErrors from "./zh-CN/errors.json";
import zhOnboarding from "./zh-CN/onboarding.json";
import zhSandbox from "./zh-CN/sandbox.json";
import zhSeller from "./zh-CN/seller.json";
import zhShelves from "./zh-CN/shelves.json";
import zhStore from "./zh-CN/store.json";

const catalog = {
  en: { admin: enAdmin, auth: enAuth, catalog: enCatalog, common: enCommon, errors: enErrors, onboarding: enOnboarding, sandbox: enSandbox, seller: enSeller, shelves: enShelves, store: enStore },
  "zh-CN": { admin: zhAdmin, auth: zhAuth, catalog: zhCatalog, common: zhCommon, errors: zhErrors, onboarding: zhOnboarding, sandbox: zhSandbox, seller: zhSeller, shelves: zhShelves, store: zhStore },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof catalog)["en"];

export function messagesFor(locale: Locale): Messages {
  return catalog[locale] as Messages;
}
