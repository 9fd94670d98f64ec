import "server-only";
// The demo: seeded into an empty database at start, through the same domain functions the
// app uses (so every invariant — ledger entries, price ranges, shelf versions — holds).
import type { Actor } from "@/lib/auth/actor";
import { upsertWechatBuyer } from "@/lib/auth/accounts";
import { hashPassword } from "@/lib/auth/password";
import { loadActor } from "@/lib/auth/session";
import { createItem } from "@/lib/catalog/items";
import type { ItemInput } from "@/lib/catalog/schemas";
import { buildSkuMatrix, type SpecDimension } from "@/lib/catalog/sku-matrix";
import { db } from "@/lib/db/client";
import { uploadImage } from "@/lib/media/upload";
import { createSandboxUser } from "@/lib/sandbox/wechat-oauth/users";
import { createGroup, setGroupItems } from "@/lib/shelves/groups";
import { publishShelf, saveShelfDraft } from "@/lib/shelves/shelf";
import { applyForStore } from "@/lib/stores/apply";
import { onboardInSandbox, sandboxIsWechatPay } from "@/lib/stores/payments";
import { approveStore } from "@/lib/stores/review";
import { DEMO_PASSWORD, demoAccounts } from "./accounts";
import { renderArt, type Motif } from "./art";

async function user(role: "ADMIN" | "SELLER", account: { email: string; name: string }, passwordHash: string): Promise<Actor> {
  const u = await db.user.create({ data: { role, email: account.email, name: account.name, passwordHash }, select: { id: true } });
  return (await loadActor(u.id))!;
}

async function image(actor: Actor, storeId: string | null, motif: Motif, hue?: string) {
  return (await uploadImage(actor, { storeId, data: await renderArt(motif, hue) })).id;
}

interface DemoItem {
  title: string;
  categoryId: string;
  motif: Motif;
  hue: string;
  extra?: { motif: Motif; hue: string }[];
  paragraphs: string[];
  specs: SpecDimension[];
  /** Price (yuan) and stock per matrix row, in matrix order. */
  rows: { price: number; original?: number; stock: number }[];
  postage?: { mode: "FREE" | "FLAT" | "PER_ITEM"; fen?: number; extraFen?: number };
  buyLimit?: number;
}

async function item(actor: Actor, storeId: string, d: DemoItem) {
  const main = await image(actor, storeId, d.motif, d.hue);
  const gallery: string[] = [];
  for (const g of d.extra ?? []) gallery.push(await image(actor, storeId, g.motif, g.hue));
  const matrix = buildSkuMatrix(d.specs);
  const input: ItemInput = {
    title: d.title,
    categoryId: d.categoryId,
    mainImageId: main,
    galleryImageIds: gallery,
    description: [...d.paragraphs.map((text) => ({ type: "text" as const, text })), ...(gallery[0] ? [{ type: "image" as const, imageId: gallery[0] }] : [])],
    specs: d.specs,
    skus: matrix.map((m, i) => ({
      specKey: m.key,
      priceFen: Math.round(d.rows[i].price * 100),
      originalPriceFen: d.rows[i].original ? Math.round(d.rows[i].original! * 100) : null,
      stock: d.rows[i].stock,
      code: `DEMO-${i + 1}`,
    })),
    buyLimit: d.buyLimit ?? null,
    postageMode: d.postage?.mode ?? "FREE",
    postageFen: d.postage?.fen ?? 0,
    postageExtraFen: d.postage?.extraFen ?? 0,
  };
  return (await createItem(actor, storeId, input, { putOnSale: true })).id;
}

const teaItems: DemoItem[] = [
  {
    title: "明前西湖龙井 2026 新茶",
    categoryId: "tea",
    motif: "tea-can",
    hue: "#4e7d5b",
    extra: [{ motif: "leaves", hue: "#5b8c5a" }],
    paragraphs: ["西湖产区明前采摘，一芽一叶初展，手工炒制。", "豆香馥郁，汤色嫩绿明亮。建议 80℃ 水温冲泡。"],
    specs: [{ name: "规格", values: ["50g 罐装", "100g 罐装", "250g 礼盒"] }],
    rows: [{ price: 128, original: 158, stock: 40 }, { price: 238, original: 298, stock: 25 }, { price: 568, stock: 8 }],
    postage: { mode: "FLAT", fen: 800 },
  },
  {
    title: "福鼎白茶饼 寿眉",
    categoryId: "tea",
    motif: "tea-cake",
    hue: "#8a6d3b",
    paragraphs: ["福鼎高山寿眉压制，越陈越香。", "可煮可泡，适合冬日围炉。"],
    specs: [
      { name: "年份", values: ["2019", "2021"] },
      { name: "规格", values: ["100g", "357g"] },
    ],
    rows: [{ price: 98, stock: 12 }, { price: 268, stock: 6 }, { price: 78, stock: 20 }, { price: 218, stock: 0 }],
    postage: { mode: "PER_ITEM", fen: 600, extraFen: 200 },
  },
  {
    title: "龙泉青瓷品茗杯",
    categoryId: "tea",
    motif: "cup",
    hue: "#6f9c8a",
    paragraphs: ["龙泉窑梅子青釉，手工拉坯，每只釉色略有不同。"],
    specs: [],
    rows: [{ price: 69, original: 89, stock: 60 }],
    postage: { mode: "FLAT", fen: 600 },
    buyLimit: 6,
  },
  {
    title: "便携旅行茶具套装",
    categoryId: "home",
    motif: "tea-set",
    hue: "#3f6e74",
    paragraphs: ["一壶两杯，收纳于帆布包内，出差露营都能喝上好茶。"],
    specs: [{ name: "颜色", values: ["青", "白", "黛"] }],
    rows: [{ price: 159, stock: 15 }, { price: 159, stock: 0 }, { price: 169, stock: 4 }],
  },
];

const craftItems: DemoItem[] = [
  {
    title: "苏绣团扇 · 手工真丝",
    categoryId: "crafts",
    motif: "fan",
    hue: "#b0485a",
    paragraphs: ["苏州镇湖绣娘手绣，双面绣工艺，配红木扇柄。", "每一把需要绣制约 20 天。"],
    specs: [{ name: "图案", values: ["荷花", "锦鲤", "牡丹"] }],
    rows: [{ price: 680, stock: 3 }, { price: 720, stock: 2 }, { price: 680, stock: 0 }],
    buyLimit: 2,
  },
  {
    title: "桑蚕丝手帕",
    categoryId: "crafts",
    motif: "silk",
    hue: "#5a6fa8",
    paragraphs: ["100% 桑蚕丝，边缘手工卷边。"],
    specs: [
      { name: "颜色", values: ["黛蓝", "胭脂"] },
      { name: "尺寸", values: ["小 30cm", "大 45cm"] },
    ],
    rows: [{ price: 88, stock: 20 }, { price: 128, stock: 10 }, { price: 88, stock: 18 }, { price: 128, stock: 0 }],
    postage: { mode: "FLAT", fen: 500 },
  },
  {
    title: "刺绣书签三件套",
    categoryId: "books",
    motif: "bookmark",
    hue: "#4e7d5b",
    paragraphs: ["三枚刺绣书签，配流苏，礼盒包装。"],
    specs: [],
    rows: [{ price: 49, stock: 80 }],
    postage: { mode: "PER_ITEM", fen: 500, extraFen: 100 },
  },
];

async function openStore(
  seller: Actor,
  admin: Actor,
  s: { name: string; slug: string; logo: Motif; banner: Motif; description: string; businessName: string; officialAccountId: string; mchId: string; phone: string },
  items: DemoItem[],
  groups: { name: string; items: number[] }[],
) {
  const logo = await image(seller, null, s.logo);
  const store = await applyForStore(seller, {
    name: s.name,
    slug: s.slug,
    logoImageId: logo,
    description: s.description,
    businessName: s.businessName,
    officialAccountId: s.officialAccountId,
    mchId: s.mchId,
    contactPhone: s.phone,
  });
  // The sandbox is this server's, which is not serving yet: onboard the sub-merchant in it directly.
  await approveStore(admin, store.id, { bindNow: false });
  if (sandboxIsWechatPay()) await onboardInSandbox(store.id);
  const owner = (await loadActor(seller.userId))!; // now a member of the store
  const itemIds: string[] = [];
  for (const d of items) itemIds.push(await item(owner, store.id, d));
  const groupIds: string[] = [];
  for (const g of groups) {
    const group = await createGroup(owner, store.id, { name: g.name });
    await setGroupItems(owner, group.id, g.items.map((i) => itemIds[i]));
    groupIds.push(group.id);
  }
  const banner = await image(owner, store.id, s.banner);
  await saveShelfDraft(owner, store.id, {
    name: `${s.name}首页`,
    sections: [
      { type: "banner", imageId: banner, caption: s.description.slice(0, 20), linkGroupId: groupIds[0] },
      { type: "group_list", groupId: groupIds[0], title: groups[0].name, count: 3 },
      { type: "group_grid", tiles: groupIds.map((groupId) => ({ groupId })) },
    ],
  });
  await publishShelf(owner, store.id);
  return store.id;
}

/** Seeds the demo if the database has no users yet. Returns whether it did. */
export async function seedDemoIfEmpty(): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const admin = await user("ADMIN", demoAccounts.admin, passwordHash);
  const tea = await user("SELLER", demoAccounts.sellerTea, passwordHash);
  const craft = await user("SELLER", demoAccounts.sellerCraft, passwordHash);
  const applicant = await user("SELLER", demoAccounts.applicant, passwordHash);

  const sandboxBuyer = await createSandboxUser({ nickname: demoAccounts.buyer.nickname, openid: demoAccounts.buyer.openid });
  await upsertWechatBuyer({ openid: sandboxBuyer.openid, unionid: sandboxBuyer.unionid, nickname: sandboxBuyer.nickname, headimgurl: sandboxBuyer.headimgurl });

  await openStore(
    tea,
    admin,
    {
      name: "西湖茶舍",
      slug: "west-lake-tea",
      logo: "logo-tea",
      banner: "banner-tea",
      description: "杭州西湖边的小茶舍，只卖自己喝过的好茶。",
      businessName: "杭州西湖茶舍茶业有限公司",
      officialAccountId: "gh_5e2a1b3c4d5f",
      mchId: "1900000101",
      phone: "0571-87654321",
    },
    teaItems,
    [
      { name: "当季新茶", items: [0, 1] },
      { name: "茶器", items: [2, 3] },
    ],
  );
  await openStore(
    craft,
    admin,
    {
      name: "苏绣坊",
      slug: "su-embroidery",
      logo: "logo-craft",
      banner: "banner-craft",
      description: "苏州镇湖的刺绣工作室，一针一线，慢工细活。",
      businessName: "苏州镇湖苏绣坊工艺品有限公司",
      officialAccountId: "gh_7a8b9c0d1e2f",
      mchId: "1900000102",
      phone: "13912345678",
    },
    craftItems,
    [
      { name: "绣娘手作", items: [0, 1] },
      { name: "小礼物", items: [2] },
    ],
  );

  const honeyLogo = await image(applicant, null, "logo-honey");
  await applyForStore(applicant, {
    name: "山野蜂蜜",
    slug: "mountain-honey",
    logoImageId: honeyLogo,
    description: "秦岭深处的土蜂蜜，一年只取一次。",
    businessName: "汉中山野农产品合作社",
    officialAccountId: "gh_3c4d5e6f7a8b",
    mchId: "1900000103",
    contactPhone: "13700001111",
  });
  return true;
}
