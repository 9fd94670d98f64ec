// Postgres cannot store the NUL character in text, and refuses a whole statement that
// carries one ("invalid byte sequence for encoding UTF8: 0x00"). A lookup by such a value
// (an id in a URL with %00, say) can therefore match nothing: this extension answers those
// reads as not found (null, [], 0, an empty aggregate) instead of sending them and turning a
// bad address into a 500. Writes are refused before they get here (lib/validation.ts refuseNulCharacters).
import { AppError } from "@/lib/errors";
import { nulCharacterPath } from "@/lib/validation";
import { Prisma } from "./generated/client";

/** True when a string anywhere in `value` (keys included) holds NUL: the same walk that refuses such input. */
export const holdsNul = (value: unknown): boolean => nulCharacterPath(value) !== null;

/** What aggregate() answers over no rows: counts 0, every other figure null. */
function emptyAggregate(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) {
    if (!k.startsWith("_")) continue;
    const zero = k === "_count" ? 0 : null;
    out[k] = v === true ? zero : Object.fromEntries(Object.keys(v as object).map((f) => [f, zero]));
  }
  return out;
}

const nothing: Record<string, (args: Record<string, unknown>) => unknown> = {
  findUnique: () => null,
  findFirst: () => null,
  findMany: () => [],
  groupBy: () => [],
  aggregate: emptyAggregate,
  // count() without select answers a number; with one, counts per field.
  count: (args) => (args.select && typeof args.select === "object" ? emptyAggregate({ _count: args.select })._count : 0),
  findUniqueOrThrow: () => {
    throw new AppError("NOT_FOUND", "Not found");
  },
  findFirstOrThrow: () => {
    throw new AppError("NOT_FOUND", "Not found");
  },
};

export const nulGuard = Prisma.defineExtension({
  name: "nul-guard",
  query: {
    $allModels: {
      $allOperations({ operation, args, query }) {
        const a = (args ?? {}) as Record<string, unknown>;
        if (operation in nothing && holdsNul(a.where)) return Promise.resolve(a).then(nothing[operation]) as never;
        return query(args);
      },
    },
  },
});
