// What a notification looks like outside the database (lists, the live stream), and the
// values its message template is rendered with. Pure: safe for client components.
import { formatFen } from "@/lib/money";
import { isNotificationKind, NOTIFICATION_KINDS } from "./kinds";

export type NotificationParams = Record<string, string | number>;

export interface NotificationItem {
  /** The row id (a bigint) as a string; also the SSE event id. */
  id: string;
  kind: string;
  params: NotificationParams;
  link: string;
  readAt: string | null;
  createdAt: string;
}

/** A stored params JSON value → flat string/number params (anything else is dropped). */
export function cleanParams(raw: unknown): NotificationParams {
  const out: NotificationParams = {};
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return out;
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof v === "string" || (typeof v === "number" && Number.isFinite(v))) out[k] = v;
  }
  return out;
}

/**
 * The values for a kind's message: every declared param present (empty when the emitter
 * left it out, so the message still renders), `<x>Fen` numbers also as money `<x>`, carrier
 * codes replaced by their names when `carrierName` knows them, `<x>At` ISO times formatted
 * by `dateTime`, and `ref`: the case number, else the order number (`refKind`: case | order).
 */
export function messageValues(
  kind: string,
  params: NotificationParams,
  opts: { carrierName?: (code: string) => string | undefined; dateTime?: (d: Date) => string } = {},
): NotificationParams {
  const values: NotificationParams = {};
  if (isNotificationKind(kind)) for (const p of NOTIFICATION_KINDS[kind].params) values[p] = "";
  for (const [k, v] of Object.entries(params)) {
    values[k] = v;
    if (k.endsWith("Fen") && k.length > 3 && typeof v === "number") values[k.slice(0, -3)] = formatFen(v);
  }
  for (const [k, v] of Object.entries(values)) {
    if (k.endsWith("Fen") && k.length > 3 && !(k.slice(0, -3) in values)) values[k.slice(0, -3)] = typeof v === "number" ? formatFen(v) : "";
  }
  if (typeof values.carrier === "string" && values.carrier && opts.carrierName) values.carrier = opts.carrierName(values.carrier) ?? values.carrier;
  if (opts.dateTime) {
    for (const [k, v] of Object.entries(values)) {
      if (k.endsWith("At") && typeof v === "string" && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v))) values[k] = opts.dateTime(new Date(v));
    }
  }
  values.ref = String(values.caseNo || values.orderNo || "");
  values.refKind = values.caseNo ? "case" : "order";
  return values;
}

/** Newest first, each id once (live items merged into a server-rendered list). */
export function mergeNotifications(...lists: NotificationItem[][]): NotificationItem[] {
  const byId = new Map<string, NotificationItem>();
  for (const list of lists) for (const n of list) if (!byId.has(n.id)) byId.set(n.id, n);
  return [...byId.values()].sort((a, b) => compareIds(b.id, a.id));
}

/** Compares two bigint id strings numerically. */
export function compareIds(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}
