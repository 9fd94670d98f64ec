// GET /api/notifications/stream — the signed-in user's notifications, live, as
// Server-Sent Events (see lib/notifications/stream.ts). Resumes after Last-Event-ID (the
// browser sends it when it reconnects) or ?lastEventId= (the page's newest on first connect).
import { getActor } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http";
import { openNotificationStream } from "@/lib/notifications/stream";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  try {
    const actor = await getActor();
    const lastEventId = req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("lastEventId");
    const stream = await openNotificationStream(actor, { lastEventId, signal: req.signal });
    return new Response(stream, {
      headers: {
        "Content-Type": "text/event-stream; charset=utf-8",
        // no-transform: compression would buffer the stream.
        "Cache-Control": "no-cache, no-store, no-transform",
        Connection: "keep-alive",
        "X-Accel-Buffering": "no",
      },
    });
  } catch (e) {
    return errorResponse(e, { "Cache-Control": "no-store" });
  }
}
