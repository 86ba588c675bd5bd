import { AccessDenied, authorizeDocument, deniedResponse, requireUser } from "@/lib/auth/access";
import { prisma } from "@/lib/db";
import { segmentSlice } from "@/lib/documents/document-queries";

const MAX_PAGE = 5_000;

/** GET ?from=0&limit=2000 — a slice of the document's segments in order, for the editor. */
export async function GET(request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  try {
    const user = await requireUser();
    await authorizeDocument(user, documentId, "document.view");
    const url = new URL(request.url);
    const from = Math.max(0, Number(url.searchParams.get("from")) || 0);
    const limit = Math.min(MAX_PAGE, Math.max(1, Number(url.searchParams.get("limit")) || 1000));
    const { total, segments } = await segmentSlice(prisma, documentId, from, limit);
    return Response.json({ total, from, segments });
  } catch (error) {
    if (error instanceof AccessDenied) return deniedResponse(error);
    throw error;
  }
}
