// CSV of the store's orders with the list's filters, streamed (one row per line, UTF-8 with a
// BOM so Excel reads Chinese). Sellers of the store only: anyone else gets 404, and a visitor
// who is not signed in is sent to sign in.
import { requireStoreMember } from "@/lib/auth/actor";
import { signInUrl } from "@/lib/auth/guards";
import { getActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { shanghaiDate } from "@/lib/orders/numbers";
import { storeOrdersCsv } from "@/lib/orders/queries";
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
  const rows = storeOrdersCsv(actor, storeId, filters);
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
