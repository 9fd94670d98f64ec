import crypto from "node:crypto";

/** The Asia/Shanghai calendar date of an instant, as YYYYMMDD. */
export function shanghaiDate(d = new Date()): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, "");
}

/** 18 digits: the date in Shanghai, then 10 random digits (the unique index backs it up; checkout retries a clash). */
export function newOrderNo(now = new Date()): string {
  const n = crypto.randomInt(0, 100_000) * 100_000 + crypto.randomInt(0, 100_000);
  return `${shanghaiDate(now)}${String(n).padStart(10, "0")}`;
}

/** WeChat Pay's out_trade_no: 6–32 of [A-Za-z0-9_-|*]; ours is "LS" + the order number. */
export function outTradeNoFor(orderNo: string): string {
  return `LS${orderNo}`;
}

/** out_refund_no: "RF" + order number + sequence, ≤ 64 characters. */
export function outRefundNoFor(orderNo: string, seq: number): string {
  return `RF${orderNo}${String(seq).padStart(2, "0")}`;
}
