import { apiRoute } from "@/lib/api/api-route";
import { importGlossary } from "@/lib/api/endpoints/glossary-memory";
import { importGlossaryFile } from "@/lib/glossary/import-glossary-file";
import { uploadBytes } from "@/lib/exchange/upload-bytes";

export const POST = apiRoute(importGlossary, async ({ user, params, body, authorizeProject }) => {
  const { project } = await authorizeProject(params.projectId, "glossary.edit");
  return importGlossaryFile(project, { name: body.file.name, data: await uploadBytes(body.file) }, user.id);
});
