// Sandbox avatars: generated SVGs served from the sandbox itself.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GET as avatarGET } from "@/app/sandbox/wechat/avatar/[file]/route";
import { avatarHue, avatarInitial, avatarSvg } from "@/lib/sandbox/wechat-oauth/avatar";
import { newAccessToken, newCode, newOpenId, newUnionId } from "@/lib/sandbox/wechat-oauth/ids";
import { createSandboxUser } from "@/lib/sandbox/wechat-oauth/users";
import { useTestDatabase } from "../../../support/db";

describe("avatarSvg", () => {
  it("shows the nickname's first character, a whole emoji or CJK character included", () => {
    expect(avatarInitial("小明")).toBe("小");
    expect(avatarInitial("  ming")).toBe("M");
    expect(avatarInitial("👨‍👩‍👧 family")).toBe("👨‍👩‍👧");
    expect(avatarInitial("")).toBe("?");
  });

  it("derives a stable colour from the openid", () => {
    const id = newOpenId();
    expect(avatarHue(id)).toBe(avatarHue(id));
    expect(avatarSvg(id, "A")).toContain(`hsl(${avatarHue(id)} `);
  });

  it("escapes the nickname so it cannot inject markup", () => {
    fc.assert(
      fc.property(fc.string(), (nickname) => {
        const svg = avatarSvg("oTest", nickname);
        expect(svg.match(/<[a-z]/g)).toEqual(["<s", "<r", "<t"]);
      }),
    );
    expect(avatarSvg("oTest", `<script>"x"`)).toContain('aria-label="&lt;script&gt;&quot;x&quot;"');
  });
});

describe("WeChat-shaped ids", () => {
  it("generates openids, unionids, codes and tokens in WeChat's shapes, all different", () => {
    const openids = new Set(Array.from({ length: 200 }, newOpenId));
    expect(openids.size).toBe(200);
    for (const id of openids) expect(id).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    expect(newUnionId()).toMatch(/^o[A-Za-z0-9_-]{28}$/);
    expect(newCode()).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(newAccessToken()).toMatch(/^[A-Za-z0-9_-]{86}$/);
  });
});

describe("GET /sandbox/wechat/avatar/<openid>.svg", () => {
  useTestDatabase();
  const get = (file: string) => avatarGET(new Request(`http://localhost:3000/sandbox/wechat/avatar/${file}`), { params: Promise.resolve({ file }) });

  it("serves the user's avatar as image/svg+xml", async () => {
    const user = await createSandboxUser({ nickname: "王小二" });
    const res = await get(`${user.openid}.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    const body = await res.text();
    expect(body).toContain(">王</text>");
  });

  it("is a 404 for an unknown user or a bad file name", async () => {
    expect((await get("oNoSuchUser0000000000000000.svg")).status).toBe(404);
    expect((await get("../../etc/passwd")).status).toBe(404);
    const user = await createSandboxUser({ nickname: "B" });
    expect((await get(`${user.openid}.png`)).status).toBe(404);
  });
});
