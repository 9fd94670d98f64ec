import "server-only";
// Case numbers people can read out: a prefix, the Shanghai date, ten random digits.
import crypto from "node:crypto";
import type { Tx } from "@/lib/db/client";
import { shanghaiDate } from "@/lib/orders/numbers";

function candidate(prefix: "AS" | "CP", now: Date) {
  const n = crypto.randomInt(0, 100_000) * 100_000 + crypto.randomInt(0, 100_000);
  return `${prefix}${shanghaiDate(now)}${String(n).padStart(10, "0")}`;
}

/** A case number not yet used (checked in the transaction; the unique index backs it up). */
export async function newCaseNo(tx: Tx, prefix: "AS" | "CP", now = new Date()): Promise<string> {
  for (;;) {
    const no = candidate(prefix, now);
    const taken =
      prefix === "AS"
        ? await tx.afterSaleRequest.findUnique({ where: { caseNo: no }, select: { id: true } })
        : await tx.complaint.findUnique({ where: { caseNo: no }, select: { id: true } });
    if (!taken) return no;
  }
}
