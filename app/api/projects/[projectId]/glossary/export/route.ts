import { AccessDenied, authorizeProject, deniedResponse, requireUser } from "@/lib/auth/access";
import { glossaryCsvPieces, glossaryTbxPieces } from "@/lib/glossary/glossary-files";
import { streamText } from "@/lib/http/stream-text";
import { listGlossary } from "@/lib/glossary/glossary-repository";

/** GET ?format=csv|tbx — the project's glossary as a file, streamed. */
export async function GET(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const format = new URL(request.url).searchParams.get("format") === "tbx" ? "tbx" : "csv";
  try {
    const user = await requireUser();
    const { project } = await authorizeProject(user, projectId, "project.view");
    const rows = await listGlossary(project.id);
    // In pieces with a turn of the event loop between: a 30,000-term glossary no longer holds the server.
    const body = streamText(format === "tbx" ? glossaryTbxPieces(rows, { source: project.sourceLang, target: project.targetLang }) : glossaryCsvPieces(rows), 4);
    return new Response(body, {
      headers: {
        "content-type": format === "tbx" ? "application/x-tbx+xml; charset=utf-8" : "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="glossary.${format}"`,
      },
    });
  } catch (error) {
    if (error instanceof AccessDenied) return deniedResponse(error, request);
    throw error;
  }
}
