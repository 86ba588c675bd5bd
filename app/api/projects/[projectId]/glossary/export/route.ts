import { AccessDenied, authorizeProject, deniedResponse, requireUser } from "@/lib/auth/access";
import { glossaryToCsv, glossaryToTbx } from "@/lib/glossary/glossary-files";
import { listGlossary } from "@/lib/glossary/glossary-repository";

/** GET ?format=csv|tbx — the project's glossary as a file. */
export async function GET(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const format = new URL(request.url).searchParams.get("format") === "tbx" ? "tbx" : "csv";
  try {
    const user = await requireUser();
    const { project } = await authorizeProject(user, projectId, "project.view");
    const rows = await listGlossary(project.id);
    const body = format === "tbx" ? glossaryToTbx(rows, { source: project.sourceLang, target: project.targetLang }) : glossaryToCsv(rows);
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
