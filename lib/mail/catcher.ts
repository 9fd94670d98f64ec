import "server-only";
// The local mail catcher: on a developer's server without SMTP (env MAIL_TRANSPORT "catcher"),
// what would be sent is written under DATA_DIR/mail-catcher, one JSON file per message, and
// shown at /sandbox/mail. Never on a server others can reach: reset links would be readable.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";

export interface CaughtMail {
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  sentAt: string;
}

const dir = () => path.join(/*turbopackIgnore: true*/ env().DATA_DIR, "mail-catcher");
/** Older messages go once there are more than this many. */
const KEEP = 200;

export async function catchMail(mail: Omit<CaughtMail, "id" | "sentAt">): Promise<CaughtMail> {
  const sentAt = new Date().toISOString();
  // Sorts by time; the random part keeps two messages of one millisecond apart.
  const id = `${sentAt.replace(/[:.]/g, "-")}-${crypto.randomBytes(4).toString("hex")}`;
  const caught = { id, ...mail, sentAt };
  await fs.mkdir(dir(), { recursive: true });
  await fs.writeFile(path.join(dir(), `${id}.json`), JSON.stringify(caught), { mode: 0o600 });
  const names = (await fs.readdir(dir())).filter((n) => n.endsWith(".json")).sort();
  await Promise.all(names.slice(0, Math.max(0, names.length - KEEP)).map((n) => fs.rm(path.join(dir(), n), { force: true })));
  return caught;
}

/** The newest caught messages first; `to` filters by recipient. */
export async function listCaughtMail(opts: { to?: string; limit?: number } = {}): Promise<CaughtMail[]> {
  let names: string[];
  try {
    names = (await fs.readdir(dir())).filter((n) => n.endsWith(".json")).sort().reverse();
  } catch {
    return [];
  }
  const out: CaughtMail[] = [];
  for (const n of names) {
    if (out.length >= (opts.limit ?? 50)) break;
    try {
      const m = JSON.parse(await fs.readFile(path.join(dir(), n), "utf8")) as CaughtMail;
      if (!opts.to || m.to.toLowerCase() === opts.to.toLowerCase()) out.push(m);
    } catch {
      // Removed meanwhile, or half written: skip it.
    }
  }
  return out;
}
