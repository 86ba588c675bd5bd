import { apiRoute } from "@/lib/api/api-route";
import { exportGlossary } from "@/lib/api/endpoints/glossary-memory";
import { glossaryCsvPieces, glossaryTbxPieces } from "@/lib/glossary/glossary-files";
import { listGlossary } from "@/lib/glossary/glossary-repository";
import { streamText } from "@/lib/http/stream-text";

export const GET = apiRoute(exportGlossary, async ({ params, query, authorizeProject }) => {
  const { project } = await authorizeProject(params.projectId, "project.view");
  const rows = await listGlossary(project.id);
  const tbx = query.format === "tbx";
  // As the glossary page's download: in pieces, a turn of the event loop between.
  const body = streamText(tbx ? glossaryTbxPieces(rows, { source: project.sourceLang, target: project.targetLang }) : glossaryCsvPieces(rows), 4);
  return new Response(body, {
    headers: { "content-type": tbx ? "application/x-tbx+xml; charset=utf-8" : "text/csv; charset=utf-8", "content-disposition": `attachment; filename="glossary.${query.format}"` },
  });
});
