import "server-only";
// Blob storage behind one interface. Local disk under STORAGE_DIR by default; an
// S3-compatible driver implements the same three calls.
import fs from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";

export interface StoredObject {
  data: Buffer;
  contentType: string;
}

export interface BlobStorage {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<StoredObject | null>;
  /** Remove every object whose key starts with prefix (used to undo a failed upload). */
  deletePrefix(prefix: string): Promise<void>;
}

const SAFE_KEY = /^[a-z0-9][a-z0-9/_.-]*$/i;

export function assertSafeKey(key: string) {
  if (!SAFE_KEY.test(key) || key.split("/").some((p) => p === ".." || p === "." || p === "")) {
    throw new Error(`unsafe storage key: ${key}`);
  }
}

const typeByExt: Record<string, string> = { ".webp": "image/webp", ".png": "image/png", ".jpg": "image/jpeg", ".json": "application/json" };

export class LocalDiskStorage implements BlobStorage {
  constructor(private readonly root: string) {}

  private file(key: string) {
    assertSafeKey(key);
    return path.join(this.root, key);
  }

  async put(key: string, data: Buffer) {
    const file = this.file(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Write then rename: a reader never sees half a file.
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, file);
  }

  async get(key: string): Promise<StoredObject | null> {
    try {
      const data = await fs.readFile(this.file(key));
      return { data, contentType: typeByExt[path.extname(key)] ?? "application/octet-stream" };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
  }

  async deletePrefix(prefix: string) {
    const target = this.file(prefix.replace(/\/$/, ""));
    await fs.rm(target, { recursive: true, force: true });
  }
}

let instance: BlobStorage | undefined;

export function storage(): BlobStorage {
  instance ??= new LocalDiskStorage(env().STORAGE_DIR);
  return instance;
}

/** Tests point storage at a scratch folder. */
export function setStorageForTests(s: BlobStorage | undefined) {
  instance = s;
}
