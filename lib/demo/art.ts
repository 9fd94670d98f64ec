import "server-only";
// Demo product pictures, drawn as SVG and rasterised with sharp, so the demo needs no
// downloaded assets and no fonts.
import sharp from "sharp";

export type Motif = "tea-can" | "cup" | "leaves" | "tea-cake" | "tea-set" | "fan" | "silk" | "bookmark" | "logo-tea" | "logo-craft" | "logo-honey" | "banner-tea" | "banner-craft";

const W = 1200;

function frame(bg: [string, string], body: string, width = W, height = W) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
  <defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${bg[0]}"/><stop offset="1" stop-color="${bg[1]}"/></linearGradient></defs>
  <rect width="${width}" height="${height}" fill="url(#bg)"/>${body}</svg>`;
}

const shadow = (cx: number, cy: number, rx: number) => `<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${rx * 0.12}" fill="#000" opacity="0.12"/>`;

function leaf(x: number, y: number, s: number, rot: number, color: string) {
  return `<g transform="translate(${x} ${y}) rotate(${rot}) scale(${s})"><path d="M0 0 C 60 -80, 160 -80, 220 0 C 160 80, 60 80, 0 0 Z" fill="${color}"/><path d="M0 0 L 220 0" stroke="#ffffff" stroke-opacity="0.5" stroke-width="6"/></g>`;
}

function art(motif: Motif, hue: string): string {
  switch (motif) {
    case "tea-can":
      return frame(["#f4efe3", "#e3d8c0"], `${shadow(600, 1010, 300)}
        <rect x="360" y="260" width="480" height="740" rx="40" fill="${hue}"/>
        <rect x="340" y="230" width="520" height="90" rx="30" fill="#2f3a2f"/>
        <rect x="360" y="470" width="480" height="300" fill="#fbf7ee"/>
        ${leaf(470, 620, 1, -20, hue)}${leaf(520, 650, 0.8, 15, "#6b8e4e")}`);
    case "cup":
      return frame(["#eef3f1", "#cfe0da"], `${shadow(600, 900, 330)}
        <path d="M300 420 h600 l-60 380 a80 80 0 0 1 -80 70 h-320 a80 80 0 0 1 -80 -70 Z" fill="${hue}"/>
        <ellipse cx="600" cy="420" rx="300" ry="60" fill="#a8c3b0"/><ellipse cx="600" cy="425" rx="265" ry="45" fill="#c8a35a" opacity="0.85"/>
        <path d="M520 330 q-40 -60 0 -120 M600 320 q-40 -70 0 -140 M680 330 q-40 -60 0 -120" stroke="#ffffff" stroke-width="14" fill="none" stroke-linecap="round" opacity="0.9"/>`);
    case "leaves":
      return frame(["#f1f6ea", "#d6e6c3"], `${leaf(260, 500, 1.6, -25, hue)}${leaf(420, 720, 1.4, 10, "#7aa35a")}${leaf(380, 380, 1.2, 35, "#5d8a43")}${leaf(560, 560, 1.5, -5, "#8fb86a")}`);
    case "tea-cake":
      return frame(["#f6efe6", "#e6d3bd"], `${shadow(600, 930, 360)}
        <circle cx="600" cy="600" r="340" fill="${hue}"/><circle cx="600" cy="600" r="300" fill="none" stroke="#ffffff" stroke-opacity="0.35" stroke-width="10" stroke-dasharray="24 18"/>
        <circle cx="600" cy="600" r="110" fill="#f7f1e6"/><circle cx="600" cy="600" r="80" fill="#b3312c"/>`);
    case "tea-set":
      return frame(["#f3f1ec", "#dcd6ca"], `${shadow(600, 930, 420)}
        <path d="M330 520 q0 -160 170 -160 h200 q170 0 170 160 v150 q0 150 -170 150 h-200 q-170 0 -170 -150 Z" fill="${hue}"/>
        <path d="M870 560 q140 0 140 120 q0 110 -150 110" stroke="${hue}" stroke-width="40" fill="none"/>
        <rect x="520" y="300" width="160" height="70" rx="30" fill="#2f3a2f"/>
        <ellipse cx="240" cy="860" rx="90" ry="40" fill="${hue}"/><ellipse cx="960" cy="880" rx="90" ry="40" fill="${hue}"/>`);
    case "fan":
      return frame(["#f7eef0", "#e9d2d8"], `${shadow(600, 1060, 250)}
        <rect x="585" y="820" width="30" height="260" rx="12" fill="#7a4b2a"/>
        <circle cx="600" cy="520" r="340" fill="#fffaf5" stroke="${hue}" stroke-width="26"/>
        <g fill="${hue}">${[0, 60, 120, 180, 240, 300].map((r) => `<ellipse cx="600" cy="410" rx="55" ry="120" transform="rotate(${r} 600 520)"/>`).join("")}</g>
        <circle cx="600" cy="520" r="50" fill="#f2c14e"/>`);
    case "silk":
      return frame(["#eef1f7", "#d3daea"], `<g transform="rotate(-8 600 600)">${shadow(600, 960, 380)}
        <rect x="250" y="250" width="700" height="700" fill="${hue}"/><rect x="290" y="290" width="620" height="620" fill="none" stroke="#ffffff" stroke-width="12" stroke-dasharray="30 14"/>
        <circle cx="600" cy="600" r="140" fill="#ffffff" opacity="0.3"/></g>`);
    case "bookmark":
      return frame(["#f5f2ea", "#e4ddcb"], [330, 520, 710]
        .map((x, i) => `<g transform="rotate(${(i - 1) * 8} ${x + 80} 600)"><rect x="${x}" y="220" width="160" height="720" rx="16" fill="${i === 1 ? hue : i === 0 ? "#3d5a80" : "#9c2f2f"}"/><circle cx="${x + 80}" cy="300" r="18" fill="#f7f1e6"/><path d="M${x + 80} 318 v120" stroke="#e7c36a" stroke-width="8"/></g>`)
        .join(""));
    case "logo-tea":
      return frame(["#2f5d3a", "#1f3f27"], `<circle cx="600" cy="600" r="380" fill="#f6f1e4"/>${leaf(420, 640, 1.7, -30, "#2f5d3a")}${leaf(520, 700, 1.1, 5, "#6b8e4e")}`);
    case "logo-craft":
      return frame(["#8c2f39", "#5e1f26"], `<circle cx="600" cy="600" r="380" fill="#fbf3ea"/><g fill="#8c2f39">${[0, 72, 144, 216, 288].map((r) => `<ellipse cx="600" cy="470" rx="70" ry="150" transform="rotate(${r} 600 600)"/>`).join("")}</g><circle cx="600" cy="600" r="60" fill="#e7b54a"/>`);
    case "logo-honey":
      return frame(["#f2b53a", "#d9901c"], `<g fill="#fff7e0">${[[600, 430], [470, 600], [730, 600], [600, 770]].map(([x, y]) => `<polygon points="${[0, 60, 120, 180, 240, 300].map((a) => `${x + 120 * Math.cos((a * Math.PI) / 180)},${y + 120 * Math.sin((a * Math.PI) / 180)}`).join(" ")}"/>`).join("")}</g>`);
    case "banner-tea":
      return frame(["#dff0e4", "#b9dcc3"], `<circle cx="1300" cy="170" r="90" fill="#fff4c7"/>
        <path d="M0 420 Q 300 250 600 400 T 1200 380 T 1600 360 V 600 H 0 Z" fill="#7fb38a"/>
        <path d="M0 500 Q 400 360 800 480 T 1600 460 V 600 H 0 Z" fill="#4f8a5e"/>
        ${[200, 420, 640, 860, 1080].map((x) => `<path d="M${x} 560 q40 -50 80 0" stroke="#2f5d3a" stroke-width="10" fill="none"/>`).join("")}`, 1600, 600);
    case "banner-craft":
      return frame(["#f8e8e4", "#ecc9c2"], `<g fill="none" stroke="#8c2f39" stroke-width="8" opacity="0.5">${Array.from({ length: 9 }, (_, i) => `<circle cx="${100 + i * 180}" cy="300" r="${120 + (i % 3) * 30}"/>`).join("")}</g>
        <g fill="#8c2f39">${[0, 72, 144, 216, 288].map((r) => `<ellipse cx="800" cy="220" rx="45" ry="90" transform="rotate(${r} 800 300)"/>`).join("")}</g><circle cx="800" cy="300" r="36" fill="#e7b54a"/>`, 1600, 600);
  }
}

export function renderArt(motif: Motif, hue = "#5b8c5a"): Promise<Buffer> {
  return sharp(Buffer.from(art(motif, hue))).png().toBuffer();
}
