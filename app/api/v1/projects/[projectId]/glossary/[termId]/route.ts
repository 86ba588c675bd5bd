import { apiRoute } from "@/lib/api/api-route";
import { deleteTerm, updateTerm } from "@/lib/api/endpoints/glossary-memory";
import { AccessDenied } from "@/lib/auth/access";
import { deleteTerm as remove, saveTerm } from "@/lib/glossary/glossary-repository";
import { CodedError } from "@/lib/http/coded-error";

/** The glossary's "no such term" (409 on the page, where the term was just shown) is a 404 here. */
const notFoundAs404 = (error: unknown): never => {
  if (error instanceof CodedError && error.code === "term-not-found") throw new AccessDenied(404);
  throw error;
};

export const PUT = apiRoute(updateTerm, async ({ user, params, body, authorizeProject }) => {
  await authorizeProject(params.projectId, "glossary.edit");
  const term = await saveTerm(params.projectId, { ...body, id: params.termId }, user.id).catch(notFoundAs404);
  return { term: { id: term.id, source: term.source, target: term.target, note: term.note, forbidden: term.forbidden } };
});

export const DELETE = apiRoute(deleteTerm, async ({ params, authorizeProject }) => {
  await authorizeProject(params.projectId, "glossary.edit");
  await remove(params.projectId, params.termId).catch(notFoundAs404);
  return new Response(null, { status: 204 });
});
