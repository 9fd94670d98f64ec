// The merchant Open API: every path under /api/open/v1 is dispatched by one router built from
// the zod-described endpoints in lib/api/open-v1 (authentication and rate limiting first).
import { handleOpenApi } from "@/lib/api/open-v1";

type Ctx = { params: Promise<{ path: string[] }> };

async function handle(req: Request, ctx: Ctx) {
  const { path } = await ctx.params;
  return handleOpenApi(req, `/${path.map(encodeURIComponent).join("/")}`);
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
