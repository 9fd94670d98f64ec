// The demo's sign-ins, printed at start and listed in the README.
import { env } from "@/lib/env";

export const DEMO_PASSWORD = "littlestore";

export const demoAccounts = {
  admin: { email: "admin@littlestore.test", name: "平台管理员 Admin" },
  sellerTea: { email: "tea@littlestore.test", name: "林掌柜 Lin" },
  sellerCraft: { email: "craft@littlestore.test", name: "苏师傅 Su" },
  applicant: { email: "applicant@littlestore.test", name: "周申请 Zhou" },
  buyer: { openid: "oDemoBuyer000000000000000001", nickname: "小王 Demo Buyer" },
} as const;

export function printDemoAccounts() {
  const url = env().APP_URL;
  const lines = [
    "",
    `Little Store is running at ${url}`,
    "Demo accounts (password for all email accounts: " + DEMO_PASSWORD + "):",
    `  admin            ${demoAccounts.admin.email}          → ${url}/admin`,
    `  seller (tea)     ${demoAccounts.sellerTea.email}            → ${url}/seller`,
    `  seller (crafts)  ${demoAccounts.sellerCraft.email}          → ${url}/seller`,
    `  applicant        ${demoAccounts.applicant.email}      (store application pending review)`,
    `  buyer            "Sign in with WeChat" → choose "${demoAccounts.buyer.nickname}" in the WeChat sandbox`,
    `Storefronts: ${url}/s/west-lake-tea  ${url}/s/su-embroidery`,
    "",
  ];
  console.log(lines.join("\n"));
}
