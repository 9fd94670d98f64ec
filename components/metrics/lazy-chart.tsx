"use client";
// Loads the chart (and recharts with it) in its own chunk after the page has rendered; the
// figures and the table version of each chart are in the server-rendered HTML already.
import dynamic from "next/dynamic";
import type { DailyChartProps } from "./daily-chart";

const DailyChart = dynamic(() => import("./daily-chart"), {
  ssr: false,
  loading: () => <div className="h-64 animate-pulse rounded-lg bg-neutral-50" />,
});

export function LazyDailyChart(props: DailyChartProps) {
  return <DailyChart {...props} />;
}
