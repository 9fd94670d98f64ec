// WeChat Pay's notifications (TRANSACTION.SUCCESS, REFUND.*). Verified (signature, serial,
// timestamp within 5 minutes), decrypted, checked against our records and applied exactly
// once. 204 on success and on a known duplicate; 4xx for anything forged or not ours
// (WeChat Pay keeps retrying those, which is what we want for a mismatch someone must see);
// 5xx when we could not apply it (WeChat Pay retries later).
import { log } from "@/lib/log";
import { applyRefundResult, applyTransaction, PaymentMismatch } from "@/lib/payments/apply";
import { getPaymentsGateway } from "@/lib/payments/gateway";
import { toPaid } from "@/lib/payments/reconcile";
import { AppError } from "@/lib/errors";
import { readText } from "@/lib/http";

/** A notification is ~1–2 KB of encrypted JSON; nothing larger is one. */
const NOTIFICATION_MAX_BYTES = 64 * 1024;

const fail = (status: number, message: string) => Response.json({ code: "FAIL", message }, { status });

export async function POST(req: Request) {
  let body: string;
  try {
    body = await readText(req, NOTIFICATION_MAX_BYTES);
  } catch (e) {
    if (e instanceof AppError) return fail(413, e.message);
    throw e;
  }
  const parsed = getPaymentsGateway().parseNotification({ headers: req.headers, body });
  if (!parsed.ok) {
    log.warn("rejected payment notification", { reason: parsed.reason, message: parsed.message });
    return fail(parsed.reason === "malformed" ? 400 : 401, parsed.message);
  }
  const n = parsed.notification;
  try {
    if (n.kind === "transaction") {
      const outcome = await applyTransaction(toPaid(n.transaction), { notificationId: n.id, source: "NOTIFICATION" });
      log.info("payment notification", { id: n.id, outTradeNo: n.transaction.outTradeNo, outcome });
    } else {
      const r = n.refund;
      const outcome = await applyRefundResult(
        { mchid: r.mchId, subMchid: r.subMchId, outTradeNo: r.outTradeNo, outRefundNo: r.outRefundNo, refundId: r.refundId, status: r.status, amountRefund: r.amount.refundFen, successTime: r.successTime },
        { notificationId: n.id, eventType: n.eventType },
      );
      log.info("refund notification", { id: n.id, outRefundNo: r.outRefundNo, outcome });
    }
    return new Response(null, { status: 204 });
  } catch (e) {
    if (e instanceof PaymentMismatch) {
      log.error("payment notification does not match our records", { id: n.id, error: e.message });
      return fail(400, e.message);
    }
    log.error("payment notification could not be applied", { id: n.id, error: e });
    return fail(500, "temporarily unable to process");
  }
}
