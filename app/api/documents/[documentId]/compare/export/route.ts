import { AccessDenied, authorizeDocument, deniedResponse, requireUser } from "@/lib/auth/access";
import { comparisonToDocx, comparisonToHtml } from "@/lib/versions/comparison-export";
import { ComparisonNotFound, compareVersions } from "@/lib/versions/version-repository";

/** A file name that is safe in a header: the Chinese title goes in filename* (RFC 6266/5987). */
function disposition(title: string, extension: string): string {
  const ascii = `comparison.${extension}`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(`${title} – comparison.${extension}`)}`;
}

/** GET ?from=VERSION&to=VERSION|now&format=html|docx — the comparison as a file. */
export async function GET(request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "html";
  if (format !== "html" && format !== "docx") return Response.json({ error: "Format must be html or docx." }, { status: 400 });
  try {
    const user = await requireUser();
    const { document } = await authorizeDocument(user, documentId, "document.view");
    const comparison = await compareVersions(document.id, url.searchParams.get("from") ?? "", url.searchParams.get("to") ?? "now");
    const meta = { projectName: document.project.name, documentTitle: document.title, sourceLang: document.sourceLang, targetLang: document.targetLang };
    if (format === "html") {
      return new Response(comparisonToHtml(comparison, meta), { headers: { "content-type": "text/html; charset=utf-8", "content-disposition": disposition(document.title, "html") } });
    }
    const docx = await comparisonToDocx(comparison, meta);
    return new Response(new Uint8Array(docx), {
      headers: { "content-type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "content-disposition": disposition(document.title, "docx") },
    });
  } catch (error) {
    if (error instanceof AccessDenied) return deniedResponse(error);
    if (error instanceof ComparisonNotFound) return Response.json({ error: error.message }, { status: 404 });
    throw error;
  }
}
