import "server-only";
// Request bodies validated as WeChat Pay does: the first problem becomes 400 PARAM_ERROR with
// a detail naming the field ("/amount/total") and where it was (body, path, query).
import { z } from "zod";
import { parseWechatTime } from "@/lib/payments/wechatpay/crypto";
import { apiErrors } from "./protocol";

export const OUT_TRADE_NO = /^[A-Za-z0-9_\-|*]{6,32}$/;
export const OUT_REFUND_NO = /^[A-Za-z0-9_\-|*@]{1,64}$/;

export const notifyUrl = z
  .string()
  .max(255, { error: "长度不能超过255" })
  .refine(
    (s) => {
      try {
        const u = new URL(s);
        return (u.protocol === "https:" || u.protocol === "http:") && !u.search && !u.hash;
      } catch {
        return false;
      }
    },
    { error: "必须是不带参数的http(s)绝对地址" },
  );

export const rfc3339 = z.string().refine((s) => parseWechatTime(s) !== null, { error: "不符合rfc3339格式" });

/** Parses `input` with `schema`; the first issue becomes PARAM_ERROR. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, location: "body" | "query" | "path" = "body"): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = `/${issue.path.join("/")}`;
  const missing = issue.code === "invalid_type" && (issue as { input?: unknown }).input === undefined;
  const reason = missing ? "缺少必填参数" : issue.message;
  throw apiErrors.param(`输入源“/${location}${field === "/" ? "" : field}”${missing ? "缺少必填参数" : `校验失败：${reason}`}`, {
    field,
    location,
    issue: reason,
  });
}
