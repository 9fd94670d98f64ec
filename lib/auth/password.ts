import "server-only";
import { hash, verify } from "@node-rs/argon2";

// Argon2id with the library's defaults (OWASP's recommended minimums: 19 MiB, t=2, p=1).
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Verify against a fixed hash when the account does not exist, so timing does not reveal it. */
let dummy: Promise<string> | undefined;
export async function burnPasswordCheck(password: string) {
  dummy ??= hash("not-a-real-password");
  await verifyPassword(await dummy, password);
}
