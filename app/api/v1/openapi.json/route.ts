import { openApiDocument } from "@/lib/api/openapi";

/** The API's description: public (it describes, it discloses nothing), cached by the browser for a while. */
export function GET() {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
