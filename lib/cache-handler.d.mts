export function markInvalidated(tags: Iterable<string>): void;
export function markAllInvalidated(): void;
export function stillValid(tags: string[], from: number): boolean;

type Entry = { value: unknown; lastModified: number; cacheControl?: unknown } | null;

export default class LittleStoreCacheHandler {
  constructor(options?: { maxBytes?: number; isolated?: boolean });
  readonly bytes: number;
  get(key: string, ctx?: unknown): Promise<Entry>;
  set(key: string, data: unknown, ctx?: { tags?: string[]; cacheControl?: unknown; fetchCache?: boolean }): Promise<void>;
  revalidateTag(tags: string | string[], durations?: unknown): Promise<void>;
  resetRequestCache(): void;
}
