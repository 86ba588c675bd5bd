import { apiRoute } from "@/lib/api/api-route";
import { concordance } from "@/lib/api/endpoints/glossary-memory";
import { searchConcordance } from "@/lib/concordance/concordance-service";

export const GET = apiRoute(concordance, async ({ params, query, authorizeProject }) => {
  await authorizeProject(params.projectId, "project.view");
  return searchConcordance(params.projectId, query.q, { side: query.side, limit: query.limit, cursor: query.cursor });
});
