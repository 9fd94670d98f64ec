// CSV of the store's orders with the list's filters, streamed (one row per line, UTF-8 with a
// BOM so Excel reads Chinese), in the seller's language and time zone: headings, statuses,
// carriers, specs in words and Beijing times, as spreadsheets in China expect. Sellers of the store only: anyone else gets 404, and a visitor
// who is not signed in is sent to sign in.
import { requireStoreMember } from "@/lib/auth/actor";
import { signInUrl } from "@/lib/auth/guards";
import { getActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { shanghaiDate } from "@/lib/orders/numbers";
import { getFormatter, getTranslations } from "next-intl/server";
import { parseSpecKey } from "@/lib/catalog/sku-matrix";
import type { OrderStatus } from "@/lib/db/generated/enums";
import { ORDER_STATUSES, ORDERS_CSV_COLUMNS, storeOrdersCsv } from "@/lib/orders/queries";
import { parseSellerFilters } from "@/lib/orders/views";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ storeId: string }> }) {
  const { storeId } = await params;
  const url = new URL(req.url);
  const actor = await getActor();
  if (!actor) {
    return new Response(null, { status: 303, headers: { Location: signInUrl(`/seller/stores/${storeId}/orders${url.search}`), "Cache-Control": "no-store" } });
  }
  try {
    requireStoreMember(actor, storeId);
  } catch (e) {
    if (e instanceof AppError) return new Response("Not found", { status: 404 });
    throw e;
  }
  const { page: _page, ...filters } = parseSellerFilters(url.searchParams);
  const t = await getTranslations("orders");
  const format = await getFormatter();
  const rows = storeOrdersCsv(actor, storeId, filters, {
    header: ORDERS_CSV_COLUMNS.map((k) => t(`csv.${k}`)),
    status: Object.fromEntries(ORDER_STATUSES.map((s) => [s, t(`status.${s}`)])) as Record<OrderStatus, string>,
    carrier: (code) => (t.has(`carriers.${code}` as "carriers.SF") ? t(`carriers.${code}` as "carriers.SF") : code),
    time: (d) => format.dateTime(d, { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false }),
    spec: (key) => Object.values(parseSpecKey(key)).join(" / "),
  });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await rows.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (e) {
        log.error("order export failed", { storeId, error: e });
        controller.error(e);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const filename = `orders-${shanghaiDate()}${filters.status ? `-${filters.status.toLowerCase()}` : ""}.csv`;
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
