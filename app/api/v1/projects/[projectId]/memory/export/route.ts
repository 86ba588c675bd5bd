import { apiRoute } from "@/lib/api/api-route";
import { exportMemory } from "@/lib/api/endpoints/glossary-memory";
import { exportMemoryTmx } from "@/lib/memory/memory-service";

export const GET = apiRoute(exportMemory, async ({ params, authorizeProject }) => {
  const { project } = await authorizeProject(params.projectId, "memory.manage");
  return new Response(await exportMemoryTmx(project.id, `${project.name} memory`), {
    headers: { "content-type": "application/x-tmx+xml; charset=utf-8", "content-disposition": 'attachment; filename="memory.tmx"' },
  });
});
