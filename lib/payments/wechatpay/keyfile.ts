// Generated key material on disk: written once, atomically and exclusively, so concurrent first
// starts of several processes agree on one value. No aliases or server-only here: child
// processes in tests load this file directly.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Writes `content` to `file` unless it exists, atomically (a temp file linked into place, so a
 * reader never sees half a key) and exclusively (link fails if another process won the race);
 * returns what the file holds afterwards, ours or theirs.
 */
export function writeOnce(file: string, content: () => string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  const text = content();
  fs.writeFileSync(tmp, text, { flag: "wx", mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EPERM" || code === "ENOTSUP" || code === "EXDEV") {
      // No hard links here: exclusive create, then re-read whoever won.
      try {
        fs.writeFileSync(file, text, { flag: "wx", mode: 0o600 });
      } catch (e2) {
        if ((e2 as NodeJS.ErrnoException).code !== "EEXIST") throw e2;
      }
    } else if (code !== "EEXIST") throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return fs.readFileSync(file, "utf8");
}

