import "server-only";
// The client's address, for per-address limits. Next.js sets X-Forwarded-For to the socket's
// peer only when the request carries none; each proxy in front appends the address it saw. So
// the entry TRUSTED_PROXY_HOPS from the right is the one our own first proxy saw, and anything
// left of it is whatever the client chose to send. With no proxy (0) the last entry is the peer
// Next recorded, or a value the client sent: good enough to slow a plain script, not a
// determined one — put the app behind a proxy and count it.
import { env } from "@/lib/env";

const MAX_LENGTH = 64;

export function clientIpFrom(headers: Pick<Headers, "get">, hops = env().TRUSTED_PROXY_HOPS): string | null {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const ip = entries[entries.length - Math.max(1, hops)];
  // An address, not arbitrary text: it becomes part of a rate-limit key.
  return ip && ip.length <= MAX_LENGTH && /^[0-9a-fA-F.:[\]%]+$/.test(ip) ? ip.toLowerCase() : null;
}
