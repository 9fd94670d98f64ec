// Latency percentiles and the results table.

export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarize(latenciesMs: number[]) {
  const s = [...latenciesMs].sort((a, b) => a - b);
  const r = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
  return { p50_ms: r(percentile(s, 50)), p95_ms: r(percentile(s, 95)), p99_ms: r(percentile(s, 99)) };
}

export interface ScenarioResult {
  name: string;
  throughput: number | null;
  unit: string | null;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  ceiling: number | null;
  ratio: number | null;
  errors: number | null;
  oversold: number | null;
  /** Free-form details printed under the table (not part of the JSON contract's required fields). */
  notes?: string;
}

const fmt = (v: number | null, digits = 1) => (v === null ? "—" : Number.isInteger(v) ? String(v) : v.toFixed(digits));

export function printTable(rows: ScenarioResult[]) {
  const header = ["scenario", "throughput", "unit", "p50 ms", "p95 ms", "p99 ms", "ceiling", "ratio", "errors", "oversold"];
  const body = rows.map((r) => [r.name, fmt(r.throughput), r.unit ?? "—", fmt(r.p50_ms, 2), fmt(r.p95_ms, 2), fmt(r.p99_ms, 2), fmt(r.ceiling), fmt(r.ratio, 2), fmt(r.errors, 0), fmt(r.oversold, 0)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const b of body) console.log(line(b));
  for (const r of rows) if (r.notes) console.log(`  ${r.name}: ${r.notes}`);
}

/** The app instance client `c` talks to (clients are spread evenly over `--instances`). */
export const baseUrlOf = (baseUrls: string[], c: number) => baseUrls[c % baseUrls.length];

/** Runs `task` from `clients` concurrent loops until `done()` or the time runs out. */
export async function closedLoop(opts: { clients: number; maxMs: number; task: (client: number) => Promise<"continue" | "stop"> }) {
  const started = performance.now();
  let stop = false;
  await Promise.all(
    Array.from({ length: opts.clients }, async (_, c) => {
      while (!stop && performance.now() - started < opts.maxMs) {
        if ((await opts.task(c)) === "stop") stop = true;
      }
    }),
  );
  return performance.now() - started;
}
