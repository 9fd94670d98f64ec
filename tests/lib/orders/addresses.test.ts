// The buyer's address book when saves arrive at the same moment (two tabs, a double submit):
// one default, never more, and the limit of 20 holds.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { listAddresses, saveAddress } from "@/lib/orders/addresses";
import { useTestDatabase } from "../../support/db";
import { actorFor, createUser } from "../../support/fixtures";

useTestDatabase();

const address = (n: number) => ({ recipient: `收件人${n}`, phone: "13800138000", province: "浙江省", city: "杭州市", district: "西湖区", detail: `文三路 ${n} 号` });
const newBuyer = async (): Promise<Actor> => actorFor((await createUser("BUYER")).id);

describe("address book", () => {
  let buyer: Actor;
  beforeAll(async () => {
    buyer = await newBuyer();
  });

  it("makes exactly one of several first addresses saved at once the default", async () => {
    await Promise.all([1, 2, 3, 4].map((n) => saveAddress(buyer, address(n))));
    const all = await listAddresses(buyer);
    expect(all).toHaveLength(4);
    expect(all.filter((a) => a.isDefault)).toHaveLength(1);
  });

  it("keeps one default when several saves ask to be the default at once", async () => {
    await Promise.all([5, 6, 7, 8].map((n) => saveAddress(buyer, { ...address(n), makeDefault: true })));
    expect((await listAddresses(buyer)).filter((a) => a.isDefault)).toHaveLength(1);
  });

  it("holds the limit of 20 addresses against saves arriving together", async () => {
    const other = await newBuyer();
    for (let n = 0; n < 17; n++) await saveAddress(other, address(n));
    const results = await Promise.allSettled([17, 18, 19, 20, 21, 22].map((n) => saveAddress(other, address(n))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect((await listAddresses(other)).length).toBe(20);
  });
});
