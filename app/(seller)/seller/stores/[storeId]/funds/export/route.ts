// CSV of the store's funds per paid order, in the seller's language and time zone (UTF-8 with
// a BOM so spreadsheets read Chinese). Sellers of the store only: anyone else gets 404.
import { getFormatter, getTranslations } from "next-intl/server";
import { requireStoreMember } from "@/lib/auth/actor";
import { signInUrl } from "@/lib/auth/guards";
import { getActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { shanghaiDate } from "@/lib/orders/numbers";
import { storeFundsCsv, type FundsState } from "@/lib/payments/funds";

export const dynamic = "force-dynamic";

const STATES: FundsState[] = ["HELD", "SETTLING", "SETTLED", "FAILED", "REFUNDED"];

export async function GET(req: Request, { params }: { params: Promise<{ storeId: string }> }) {
  const { storeId } = await params;
  const url = new URL(req.url);
  const actor = await getActor();
  if (!actor) return new Response(null, { status: 303, headers: { Location: signInUrl(`/seller/stores/${storeId}/funds`), "Cache-Control": "no-store" } });
  try {
    requireStoreMember(actor, storeId);
  } catch (e) {
    if (e instanceof AppError) return new Response("Not found", { status: 404 });
    throw e;
  }
  const state = STATES.find((s) => s === url.searchParams.get("state"));
  const t = await getTranslations("funds");
  const format = await getFormatter();
  const rows = storeFundsCsv(actor, storeId, {
    header: ["order", "paidAt", "paid", "refunded", "fee", "net", "state", "heldUntil", "settledAt", "failReason"].map((k) => t(`csv.${k}` as "csv.order")),
    state: Object.fromEntries(STATES.map((s) => [s, t(`state.${s}`)])) as Record<FundsState, string>,
    time: (d) => format.dateTime(d, { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false }),
  }, { state });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await rows.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (e) {
        log.error("funds export failed", { storeId, error: e });
        controller.error(e);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="funds-${shanghaiDate()}${state ? `-${state.toLowerCase()}` : ""}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
