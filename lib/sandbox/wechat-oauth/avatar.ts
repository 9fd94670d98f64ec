import "server-only";
// The sandbox's stand-in for WeChat's avatar host: a 132×132 SVG (WeChat's default size)
// with the nickname's first character on a colour derived from the openid.
import crypto from "node:crypto";

const segmenter = new Intl.Segmenter("zh", { granularity: "grapheme" });

/** The first user-perceived character (an emoji with modifiers counts as one), upper-cased. */
export function avatarInitial(nickname: string): string {
  const first = segmenter.segment(nickname.trim())[Symbol.iterator]().next();
  return first.done ? "?" : first.value.segment.toLocaleUpperCase("en");
}

/** A stable hue per openid, so the same user always gets the same colour. */
export function avatarHue(openid: string): number {
  return crypto.createHash("sha256").update(openid).digest().readUInt16BE(0) % 360;
}

function escapeXml(s: string) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

export function avatarSvg(openid: string, nickname: string): string {
  const hue = avatarHue(openid);
  const initial = escapeXml(avatarInitial(nickname));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="132" height="132" viewBox="0 0 132 132" role="img" aria-label="${escapeXml(nickname)}">`,
    `<rect width="132" height="132" fill="hsl(${hue} 55% 46%)"/>`,
    `<text x="66" y="66" dy="0.35em" text-anchor="middle" fill="#fff" font-size="60" `,
    `font-family="-apple-system, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif">${initial}</text>`,
    `</svg>`,
  ].join("");
}
