import { apiRoute } from "@/lib/api/api-route";
import { createVersion, listVersions } from "@/lib/api/endpoints/comments-versions";
import { createVersion as freeze, listVersions as versionsOf } from "@/lib/versions/version-repository";

export const GET = apiRoute(listVersions, async ({ locale, params, authorizeDocument }) => {
  await authorizeDocument(params.documentId, "document.view");
  return { versions: await versionsOf(params.documentId, locale) };
});

export const POST = apiRoute(createVersion, async ({ user, params, body, authorizeDocument }) => {
  await authorizeDocument(params.documentId, "document.snapshot");
  const version = await freeze(params.documentId, body.label, user.id);
  return Response.json({ version: { id: version.id } }, { status: 201 });
});
