import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/lib/db/errors";

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
