import { apiRoute } from "@/lib/api/api-route";
import { createTerm, listTerms } from "@/lib/api/endpoints/glossary-memory";
import { listGlossary, saveTerm } from "@/lib/glossary/glossary-repository";

export const GET = apiRoute(listTerms, async ({ params, authorizeProject }) => {
  await authorizeProject(params.projectId, "project.view");
  return { terms: await listGlossary(params.projectId) };
});

export const POST = apiRoute(createTerm, async ({ user, params, body, authorizeProject }) => {
  await authorizeProject(params.projectId, "glossary.edit");
  const term = await saveTerm(params.projectId, body, user.id);
  return Response.json({ term: { id: term.id, source: term.source, target: term.target, note: term.note, forbidden: term.forbidden } }, { status: 201 });
});
