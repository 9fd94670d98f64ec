// Calendar days in Asia/Shanghai (UTC+8 all year, no daylight saving) and the dashboard's
// date ranges. Pure: no I/O, safe to import anywhere.
import { z } from "zod";

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The Shanghai calendar day of an instant, as YYYY-MM-DD. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Shanghai calendar day starts. */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** A YYYY-MM-DD day moved by n days. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included (0 when to is before from). */
export function daysBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1);
}

/** Every day from `from` to `to`, both included. */
export function listDays(from: string, to: string): string[] {
  const n = daysBetween(from, to);
  return Array.from({ length: n }, (_, i) => addDays(from, i));
}

/** A @db.Date value (midnight UTC of that date, as Prisma returns it) → YYYY-MM-DD. */
export function dateColumnToDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export const RANGE_PRESETS = ["today", "7d", "30d"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export type RangeKind = RangePreset | "custom";

/** The longest custom range (a year and a day, so "same day last year" fits). */
export const MAX_RANGE_DAYS = 366;

export interface DayRange {
  kind: RangeKind;
  /** Inclusive Shanghai days, YYYY-MM-DD. */
  from: string;
  to: string;
  days: number;
}

const isoDay = z.iso.date({ error: "invalid" });

/** What a dashboard URL may carry: ?range=today|7d|30d|custom&from=…&to=… */
export const rangeInput = z
  .object({
    range: z.enum(["today", "7d", "30d", "custom"], { error: "invalid" }).default("7d"),
    from: isoDay.optional(),
    to: isoDay.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.range !== "custom") return;
    if (!v.from) ctx.addIssue({ code: "custom", path: ["from"], message: "required" });
    if (!v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "required" });
    if (!v.from || !v.to) return;
    if (v.from > v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "rangeOrder" });
    else if (daysBetween(v.from, v.to) > MAX_RANGE_DAYS) ctx.addIssue({ code: "custom", path: ["to"], message: "rangeTooLong" });
  });
export type RangeInput = z.input<typeof rangeInput>;

/** A parsed range input → the inclusive days it covers, as of `now`. */
export function resolveRange(input: z.output<typeof rangeInput>, now = new Date()): DayRange {
  const today = shanghaiDay(now);
  if (input.range === "custom") {
    const from = input.from!;
    const to = input.to!;
    return { kind: "custom", from, to, days: daysBetween(from, to) };
  }
  const days = input.range === "today" ? 1 : input.range === "7d" ? 7 : 30;
  return { kind: input.range, from: addDays(today, -(days - 1)), to: today, days };
}
