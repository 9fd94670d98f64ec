import { describe, expect, it } from "vitest";
import { clientIpFrom } from "@/lib/auth/client-ip";

const h = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });

describe("clientIpFrom", () => {
  it("takes the address Next recorded when no proxy is in front", () => {
    expect(clientIpFrom(h("198.51.100.7"), 0)).toBe("198.51.100.7");
    expect(clientIpFrom(h(), 0)).toBeNull();
  });

  it("behind proxies, takes the entry the first of our proxies appended, not what the client sent", () => {
    // The client sent "1.1.1.1"; our one proxy appended the address it saw.
    expect(clientIpFrom(h("1.1.1.1, 203.0.113.9"), 1)).toBe("203.0.113.9");
    // Two proxies: the first appended the client's address, the second the first proxy's.
    expect(clientIpFrom(h("1.1.1.1, 203.0.113.9, 10.0.0.2"), 2)).toBe("203.0.113.9");
    // Fewer entries than proxies: misconfigured, so no address rather than a forged one.
    expect(clientIpFrom(h("203.0.113.9"), 2)).toBeNull();
  });

  it("accepts IPv6 and refuses anything that is not an address", () => {
    expect(clientIpFrom(h("2001:DB8::1"), 1)).toBe("2001:db8::1");
    expect(clientIpFrom(h("evil; DROP TABLE"), 1)).toBeNull();
    expect(clientIpFrom(h("1".repeat(80)), 1)).toBeNull();
  });
});
