import "server-only";
// Funds: where the store's money is, per paid order, with totals (the funds page's figures).
import type { z } from "zod";
import { getStoreFunds } from "@/lib/payments/funds";
import { endpoint, type Endpoint } from "../../endpoint";
import { fundsQuery, fundsSchema } from "../schemas";
import { caller } from "../support";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const fundsEndpoints: Endpoint[] = [
  endpoint({
    method: "GET",
    path: "/funds",
    operationId: "listFundFlows",
    tag: "Funds",
    summary: "List the store's funds per paid order",
    description:
      "Each paid order's money: paid, refunded, the platform's fee, settled to the store and still held, and its state. A payment stays frozen in the store's WeChat Pay sub-merchant account until the order's after-sale window closes with no open case; then the fee is shared to the platform and the rest unfrozen. Totals cover every paid order.",
    auth: true,
    query: fundsQuery,
    responses: { 200: { description: "One page, with the store's totals.", schema: fundsSchema } },
    handler: async (ctx) => {
      const { actor, storeId } = caller(ctx);
      const q = ctx.query as z.output<typeof fundsQuery>;
      const f = await getStoreFunds(actor, storeId, { state: q.state, page: q.page, pageSize: q.pageSize });
      return {
        status: 200,
        body: {
          totals: { paid: f.totals.paidFen, refunded: f.totals.refundedFen, fee: f.totals.feeFen, settled: f.totals.settledFen, held: f.totals.heldFen },
          flows: f.rows.map((r) => ({
            orderId: r.orderId,
            orderNo: r.orderNo,
            paidAt: r.paidAt.toISOString(),
            paid: r.paidFen,
            refunded: r.refundedFen,
            fee: r.feeFen,
            settled: r.settledFen,
            held: r.heldFen,
            state: r.state,
            heldUntil: iso(r.heldUntil),
            settledAt: iso(r.settledAt),
            failReason: r.failReason,
          })),
          page: f.page,
          pageSize: f.pageSize,
          total: f.count,
          hasMore: f.page * f.pageSize < f.count,
        },
      };
    },
  }),
];
