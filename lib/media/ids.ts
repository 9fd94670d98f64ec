import crypto from "node:crypto";

/** Unguessable, URL- and path-safe ids for stored media (lower-case alphanumerics). */
export function createId(): string {
  const bytes = crypto.randomBytes(16);
  return "i" + BigInt(`0x${bytes.toString("hex")}`).toString(36).padStart(25, "0");
}
