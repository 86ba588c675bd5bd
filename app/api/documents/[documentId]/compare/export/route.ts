import { AccessDenied, authorizeDocument, deniedResponse, requireUser } from "@/lib/auth/access";
import { CodedError, errorBody, errorResponse } from "@/lib/http/coded-error";
import { requestLocale } from "@/lib/i18n/locales";
import { attachment } from "@/lib/http/content-disposition";
import { comparisonToDocx, comparisonToHtml } from "@/lib/versions/comparison-export";
import { ComparisonNotFound, compareVersions } from "@/lib/versions/version-repository";

/** GET ?from=VERSION&to=VERSION|now&format=html|docx — the comparison as a file. */
export async function GET(request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "html";
  if (format !== "html" && format !== "docx") return errorResponse("comparison-format", 400, requestLocale(request));
  try {
    const user = await requireUser();
    const { document } = await authorizeDocument(user, documentId, "document.view");
    const locale = requestLocale(request, user.locale);
    const comparison = await compareVersions(document.id, url.searchParams.get("from") ?? "", url.searchParams.get("to") ?? "now", locale);
    const meta = { projectName: document.project.name, documentTitle: document.title, sourceLang: document.sourceLang, targetLang: document.targetLang, locale };
    if (format === "html") {
      return new Response(await comparisonToHtml(comparison, meta), { headers: { "content-type": "text/html; charset=utf-8", "content-disposition": attachment(`${document.title} – comparison.html`) } });
    }
    const docx = await comparisonToDocx(comparison, meta);
    return new Response(new Uint8Array(docx), {
      headers: { "content-type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "content-disposition": attachment(`${document.title} – comparison.docx`) },
    });
  } catch (error) {
    if (error instanceof AccessDenied) return deniedResponse(error, request);
    if (error instanceof ComparisonNotFound) return Response.json(errorBody(error, requestLocale(request)), { status: error.status });
    if (error instanceof CodedError) return Response.json(errorBody(error, requestLocale(request)), { status: error.status });
    throw error;
  }
}
