import { describe, expect, it } from "vitest";
import { readBody, readFormData, readText } from "@/lib/http";

function streamed(chunks: number, size: number) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      c.enqueue(new Uint8Array(size).fill(97));
      if (++pulled === chunks) c.close();
    },
  });
  return { req: new Request("http://x/", { method: "POST", body, duplex: "half" } as RequestInit), pulled: () => pulled };
}

describe("reading a request body with a cap", () => {
  it("returns a body within the cap, whole", async () => {
    expect(await readText(new Request("http://x/", { method: "POST", body: "{\"a\":\"龙井\"}" }), 100)).toBe('{"a":"龙井"}');
    expect((await readBody(streamed(4, 1000).req, 4000)).length).toBe(4000);
  });

  it("refuses a declared Content-Length over the cap before reading", async () => {
    const req = new Request("http://x/", { method: "POST", headers: { "Content-Length": "5000" }, body: "x".repeat(5000) });
    await expect(readBody(req, 4000)).rejects.toMatchObject({ code: "TOO_LARGE", status: 413 });
  });

  it("stops reading a chunked body (no Content-Length) once it passes the cap", async () => {
    const s = streamed(100, 1000);
    await expect(readBody(s.req, 4000)).rejects.toMatchObject({ code: "TOO_LARGE" });
    expect(s.pulled()).toBeLessThan(10);
  });

  it("parses capped form data", async () => {
    const form = new FormData();
    form.set("action", "pay");
    const req = new Request("http://x/", { method: "POST", body: form });
    expect((await readFormData(req, 10_000)).get("action")).toBe("pay");
  });
});
