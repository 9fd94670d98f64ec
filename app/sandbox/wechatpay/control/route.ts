// Fault injection for tests and demos: POST JSON (see lib/sandbox/wechatpay/control.ts), e.g.
//   {"duplicate":2} {"delaySeconds":30} {"outOfOrder":true} {"release":true} {"badSignature":true}
//   {"paymentFails":1} {"refundAbnormal":1} {"replay":"<notification id>"} {"reset":true}
// Answers the settings in force. GET answers them too.
import { errorResponse, readText } from "@/lib/http";
import { AppError } from "@/lib/errors";
import { applyControl, controlState } from "@/lib/sandbox/wechatpay/control";
import { sandboxPayOff } from "@/lib/sandbox/wechatpay/gate";

const headers = { "Cache-Control": "no-store" };

export async function GET() {
  const off = sandboxPayOff();
  if (off) return off;
  try {
    return Response.json(await controlState(), { headers });
  } catch (e) {
    return errorResponse(e, headers);
  }
}

export async function POST(req: Request) {
  const off = sandboxPayOff();
  if (off) return off;
  try {
    // JSON only: a cross-site form cannot send application/json without the browser asking first.
    if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
      throw new AppError("UNSUPPORTED_MEDIA", "Send a JSON body (Content-Type: application/json).");
    }
    const text = await readText(req);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError("VALIDATION", "The body is not JSON.");
    }
    return Response.json(await applyControl(body), { headers });
  } catch (e) {
    return errorResponse(e, headers);
  }
}
