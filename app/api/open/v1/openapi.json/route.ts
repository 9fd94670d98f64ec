import { openApiDocument } from "@/lib/api/open-v1/document";

export function GET() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
