import { z } from "zod";
import { authorizeDocument, requireUser } from "@/lib/auth/access";
import { prisma } from "@/lib/db";
import { segmentSlice } from "@/lib/documents/document-queries";
import { jsonGet, RouteRefusal } from "@/lib/http/json-route";

const MAX_PAGE = 5_000;
const querySchema = z.object({
  from: z.coerce.number().min(0, "“from” cannot be negative.").max(10_000_000, "“from” is past any document's end.").int("“from” must be a whole number.").default(0),
  limit: z.coerce.number().min(1, "“limit” must be at least 1.").max(MAX_PAGE, `“limit” can be at most ${MAX_PAGE}.`).int("“limit” must be a whole number.").default(1000),
});

/** GET ?from=0&limit=2000 — a slice of the document's segments in order, for the editor. */
export async function GET(request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  return jsonGet(async () => {
    const user = await requireUser();
    await authorizeDocument(user, documentId, "document.view");
    const url = new URL(request.url);
    const query = querySchema.safeParse({ from: url.searchParams.get("from") || undefined, limit: url.searchParams.get("limit") || undefined });
    if (!query.success) throw new RouteRefusal(400, query.error.issues[0]?.message ?? "Invalid range.");
    const { from, limit } = query.data;
    const { total, segments } = await segmentSlice(prisma, documentId, from, limit);
    return { total, from, segments };
  });
}
