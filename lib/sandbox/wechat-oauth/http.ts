import "server-only";
// Route handlers of the sandbox's WeChat API: GET with a query string, JSON back with
// HTTP 200 whether it worked or not (WeChat's way), 404 when the sandbox is off.
import { log } from "@/lib/log";
import { SandboxWechatError } from "./errors";
import { sandboxOff } from "./gate";

const headers = { "Cache-Control": "no-store" };

export function wechatApiRoute(handler: (query: URLSearchParams) => Promise<object>) {
  return async (req: Request): Promise<Response> => {
    const off = sandboxOff();
    if (off) return off;
    try {
      return Response.json(await handler(new URL(req.url).searchParams), { headers });
    } catch (e) {
      if (e instanceof SandboxWechatError) return Response.json(e.toJSON(), { headers });
      log.error("wechat sandbox failed", { error: e });
      return Response.json({ errcode: -1, errmsg: "system error" }, { headers });
    }
  };
}
