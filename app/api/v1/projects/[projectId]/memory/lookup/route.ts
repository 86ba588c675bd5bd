import { apiRoute } from "@/lib/api/api-route";
import { lookupMemory } from "@/lib/api/endpoints/glossary-memory";
import { lookupMemory as lookup } from "@/lib/memory/memory-service";

export const GET = apiRoute(lookupMemory, async ({ params, query, authorizeProject }) => {
  await authorizeProject(params.projectId, "project.view");
  return { matches: await lookup(params.projectId, query.source, query.limit) };
});
