// The Store API: every path under /api/store/v1 is dispatched by one router built from
// the zod-described endpoints in lib/api/store-v1.ts (rate limits per token and address there).
import { handleStoreApi } from "@/lib/api/store-v1";

type Ctx = { params: Promise<{ path: string[] }> };

async function handle(req: Request, ctx: Ctx) {
  const { path } = await ctx.params;
  return handleStoreApi(req, `/${path.map(encodeURIComponent).join("/")}`);
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
