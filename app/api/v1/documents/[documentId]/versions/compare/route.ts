import { apiRoute } from "@/lib/api/api-route";
import { compareVersions } from "@/lib/api/endpoints/comments-versions";
import { compareVersions as compare } from "@/lib/versions/version-repository";

export const GET = apiRoute(compareVersions, async ({ locale, params, query, authorizeDocument }) => {
  await authorizeDocument(params.documentId, "document.view");
  return { comparison: await compare(params.documentId, query.from, query.to, locale) };
});
