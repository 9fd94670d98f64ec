import "server-only";
// Storefront reads go through Next's data cache, keyed by their arguments and tagged so the
// writes that change them (lib/cache.ts invalidate()) drop them. Outside a Next server
// (tests, scripts) there is no cache: the loader runs directly, so tests exercise the
// very same query code.
import { unstable_cache } from "next/cache";

export function cachedRead<A extends string[], T>(
  name: string,
  loader: (...args: A) => Promise<T>,
  opts: { tags: (...args: A) => string[]; revalidate?: number | false },
): (...args: A) => Promise<T> {
  return (...args: A) => {
    if (!process.env.NEXT_RUNTIME) return loader(...args);
    return unstable_cache(() => loader(...args), ["storefront", name, ...args], { tags: opts.tags(...args), revalidate: opts.revalidate ?? false })();
  };
}
