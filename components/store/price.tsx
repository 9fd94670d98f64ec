import { formatFen, formatFenRange } from "@/lib/money";

/** A price or price range in the storefront's price red. */
export function Price({ min, max = min, size = "md" }: { min: number; max?: number; size?: "sm" | "md" | "lg" }) {
  const cls = size === "lg" ? "text-2xl" : size === "sm" ? "text-sm" : "text-base";
  return <span className={`font-semibold tabular-nums text-price ${cls}`}>{formatFenRange(min, max)}</span>;
}

/** The original ("was") price, struck through. */
export function WasPrice({ min, max = min, label }: { min: number; max?: number; label: string }) {
  return (
    <span className="text-sm text-neutral-400">
      <span className="sr-only">{label} </span>
      <s className="tabular-nums">{min === max ? formatFen(min) : formatFenRange(min, max)}</s>
    </span>
  );
}
