import { apiRoute } from "@/lib/api/api-route";
import { importGlossary } from "@/lib/api/endpoints/glossary-memory";
import { importGlossaryFile } from "@/lib/glossary/import-glossary-file";

export const POST = apiRoute(importGlossary, async ({ user, params, body, authorizeProject }) => {
  const { project } = await authorizeProject(params.projectId, "glossary.edit");
  return importGlossaryFile(project, { name: body.file.name, data: Buffer.from(await body.file.arrayBuffer()) }, user.id);
});
