import crypto from "node:crypto";

/** A random, URL-safe, collision-resistant id (like Prisma's cuid(): 25 lower-case characters). */
export function newId(): string {
  return "c" + BigInt(`0x${crypto.randomBytes(15).toString("hex")}`).toString(36).padStart(24, "0").slice(-24);
}
