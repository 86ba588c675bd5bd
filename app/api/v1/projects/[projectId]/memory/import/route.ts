import { apiRoute } from "@/lib/api/api-route";
import { importMemory } from "@/lib/api/endpoints/glossary-memory";
import { ImportError } from "@/lib/documents/import-error";
import { checkUploadSize } from "@/lib/exchange/upload-limits";
import { Refusal } from "@/lib/http/refusal";
import { importMemoryTmx } from "@/lib/memory/memory-service";

export const POST = apiRoute(importMemory, async ({ params, body, authorizeProject }) => {
  const { project } = await authorizeProject(params.projectId, "memory.manage");
  try {
    checkUploadSize(body.file.name, body.file.size);
    return await importMemoryTmx(project.id, body.file, body.file.name, { source: project.sourceLang, target: project.targetLang });
  } catch (error) {
    // As the memory page: a file that cannot be read is 409 (413 when too large) with its code.
    if (error instanceof ImportError) throw Refusal.ofImport(error);
    throw error;
  }
});
