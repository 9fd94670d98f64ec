import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { isDatabaseUnavailable, isUniqueViolation } from "@/lib/db/errors";
import { useTestDatabase } from "../../support/db";

describe("isDatabaseUnavailable", () => {
  it.each([
    [{ code: "P1001", message: "Can't reach database server" }],
    [{ code: "P2024", message: "Timed out fetching a new connection from the connection pool" }],
    [{ code: "57P01", message: "terminating connection due to administrator command" }],
    [{ message: "connect ECONNREFUSED 127.0.0.1:5432" }],
    [{ message: "wrapped", cause: { message: "Connection terminated unexpectedly" } }],
    [{ code: "P2010", meta: { driverAdapterError: { kind: "DatabaseNotReachable" } } }],
  ])("recognises %o", (e) => expect(isDatabaseUnavailable(e)).toBe(true));

  it.each([[{ code: "P2002", message: "Unique constraint failed" }], [{ message: "syntax error at or near" }], [null], ["string"], [{ code: "23514", message: "violates check constraint" }]])(
    "leaves other errors alone: %o",
    (e) => expect(isDatabaseUnavailable(e)).toBe(false),
  );
});

describe("isUniqueViolation, on the errors the database really raises", () => {
  useTestDatabase();

  it("knows a duplicate from Prisma's create and from a raw statement, and which index it hit", async () => {
    const db = getDb();
    const email = `dup-${Date.now()}@example.com`;
    await db.user.create({ data: { role: "SELLER", name: "A", email } });
    const viaPrisma = await db.user.create({ data: { role: "SELLER", name: "B", email } }).catch((e: unknown) => e);
    expect(isUniqueViolation(viaPrisma)).toBe(true);
    expect(isUniqueViolation(viaPrisma, "email")).toBe(true);
    expect(isUniqueViolation(viaPrisma, "wechatOpenId")).toBe(false);

    const viaRaw = await db.$executeRaw`INSERT INTO "User" (id, role, name, email, "updatedAt") VALUES (${`c${Date.now()}`}, 'SELLER', 'C', ${email}, now())`.catch((e: unknown) => e);
    expect(isUniqueViolation(viaRaw)).toBe(true);
    expect(isUniqueViolation(viaRaw, "email")).toBe(true);
  });

  it("is false for other failures and for things that are not errors", async () => {
    const notNull = await getDb().$executeRaw`INSERT INTO "User" (id, role, name, "updatedAt") VALUES (${`c${Date.now()}`}, 'SELLER', NULL, now())`.catch((e: unknown) => e);
    expect(notNull).toBeInstanceOf(Error);
    expect(isUniqueViolation(notNull)).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
    expect(isUniqueViolation("P2002")).toBe(false);
  });
});
