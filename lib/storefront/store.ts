import "server-only";
// The store behind a storefront address.
import { cache } from "react";
import { cachedRead, tags } from "@/lib/cache";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { StoreSummary } from "./types";

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/**
 * Uncached: the store at `slug` if buyers may see it. Approved → open; suspended → returned
 * with `suspended` so the page can say it is closed; pending, rejected or unknown → null (404).
 * In service-provider mode an approved store whose WeChat Pay sub-merchant is not bound yet
 * (or failed to bind) cannot take payments, so it reads as closed too, with no reason shown
 * to buyers (its seller sees it).
 */
export async function loadOpenStore(slug: string): Promise<StoreSummary | null> {
  const s = typeof slug === "string" ? slug.trim().toLowerCase() : "";
  if (!SLUG.test(s)) return null;
  const store = await db.store.findUnique({
    where: { slug: s },
    select: { id: true, slug: true, name: true, description: true, logoImageId: true, status: true, statusReason: true, payBinding: true },
  });
  if (!store || (store.status !== "APPROVED" && store.status !== "SUSPENDED")) return null;
  const unpaid = env().WECHATPAY_MODE === "service_provider" && store.payBinding !== "BOUND";
  const suspended = store.status === "SUSPENDED" || unpaid;
  return {
    id: store.id,
    slug: store.slug,
    name: store.name,
    description: store.description,
    logoImageId: store.logoImageId,
    status: store.status,
    suspended,
    statusReason: store.status === "SUSPENDED" ? store.statusReason : null,
  };
}

const cachedOpenStore = cachedRead("open-store", loadOpenStore, { tags: (slug) => [tags.storeSlug(slug.trim().toLowerCase()), tags.stores()] });

/** Cached (tag storeSlug(slug)), and deduplicated within one request (layout and page both ask). */
export const getOpenStore = cache((slug: string) => cachedOpenStore(slug));
