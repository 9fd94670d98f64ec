"use client";
// A daily bar + line chart (recharts). Loaded lazily by ./lazy-chart.tsx, so recharts ships
// only to the dashboards and only after the page itself has rendered. Screen readers get the
// table next to it (the chart is aria-hidden), so recharts' keyboard layer is off: nothing
// focusable may sit inside aria-hidden.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatFen } from "@/lib/money";

export type ChartValueKind = "fen" | "count";

export interface ChartSeries {
  key: string;
  name: string;
  kind: ChartValueKind;
  color: string;
  as: "bar" | "line";
}

export interface DailyChartProps {
  data: ({ day: string } & Record<string, number | string>)[];
  /** Left axis: the first series' kind; right axis: the other kind, if any. */
  series: ChartSeries[];
  locale: string;
}

const fmt = (kind: ChartValueKind, v: number) => (kind === "fen" ? formatFen(v) : String(v));

/**
 * The axis's top: the data's, but at least ¥1 for money and 4 for counts. With nothing to show
 * (or a few fen) the axis otherwise ran 0–4 fen, and its five ticks all read "¥0".
 */
export function axisTop(kind: ChartValueKind, dataMax: number): number {
  return Math.max(Number.isFinite(dataMax) ? dataMax : 0, kind === "fen" ? 100 : 4);
}

export default function DailyChart({ data, series, locale }: DailyChartProps) {
  const compact = new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 });
  const compactFen = (v: number) => `¥${compact.format(v / 100)}`;
  const leftKind = series[0]?.kind ?? "count";
  const axisFor = (s: ChartSeries) => (s.kind === leftKind ? "left" : "right");
  const hasRight = series.some((s) => s.kind !== leftKind);
  const tick = (kind: ChartValueKind) => (v: number) => (kind === "fen" ? compactFen(v) : String(v));
  return (
    <ResponsiveContainer width="100%" height={256}>
      <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e5e5" vertical={false} />
        <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} tick={{ fontSize: 12 }} minTickGap={16} />
        <YAxis yAxisId="left" tickFormatter={tick(leftKind)} tick={{ fontSize: 12 }} width={64} allowDecimals={false} domain={[0, (max: number) => axisTop(leftKind, max)]} />
        {hasRight && (
          <YAxis
            yAxisId="right"
            orientation="right"
            tickFormatter={tick(leftKind === "fen" ? "count" : "fen")}
            tick={{ fontSize: 12 }}
            width={48}
            allowDecimals={false}
            domain={[0, (max: number) => axisTop(leftKind === "fen" ? "count" : "fen", max)]}
          />
        )}
        <Tooltip
          formatter={(value, name) => {
            const s = series.find((x) => x.name === name);
            return [fmt(s?.kind ?? "count", Number(value)), name];
          }}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s) =>
          s.as === "bar" ? (
            <Bar key={s.key} yAxisId={axisFor(s)} dataKey={s.key} name={s.name} fill={s.color} radius={[3, 3, 0, 0]} isAnimationActive={false} />
          ) : (
            <Line key={s.key} yAxisId={axisFor(s)} dataKey={s.key} name={s.name} stroke={s.color} strokeWidth={2} dot={false} type="monotone" isAnimationActive={false} />
          ),
        )}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
