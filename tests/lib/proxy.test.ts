// proxy.ts refuses an address whose path holds a malformed percent-escape with 400 (Next
// answered a bare 500 and logged nothing); valid escapes pass.
import { describe, expect, it, vi } from "vitest";

vi.mock("next/server", () => ({ NextResponse: {} }));
const { decodesCleanly, config } = await import("@/proxy");

describe("the proxy's percent-encoding check", () => {
  it("tells malformed escapes from valid ones", () => {
    for (const bad of ["/s/%E0%A4%A", "/api/store/v1/stores/%E0%A4%A", "/media/%", "/orders/%zz", "/s/%C0%AF"]) expect(decodesCleanly(bad), bad).toBe(false);
    for (const good of ["/s/west-lake-tea", "/s/%77est-lake-tea", "/s/t/search/%E8%8C%B6", "/orders/%41"]) expect(decodesCleanly(good), good).toBe(true);
  });

  it("is reached by every path with a percent sign", () => {
    const source = config.matcher.find((m): m is string => typeof m === "string")!;
    const re = new RegExp(`^${source}$`);
    expect(re.test("/orders/%E0%A4%A")).toBe(true);
    expect(re.test("/s/%E0")).toBe(true);
    expect(re.test("/orders/123")).toBe(false);
  });
});
