import { apiRoute } from "@/lib/api/api-route";
import { exportDocument } from "@/lib/api/endpoints/documents";
import { recordExport } from "@/lib/exchange/export-document";
import { exportFileResponse } from "@/lib/exchange/export-response";

/** The export button's two steps in one call: record the export (a version when the document changed), then the file. */
export const POST = apiRoute(exportDocument, async ({ user, locale, params, body, authorizeDocument }) => {
  const { document } = await authorizeDocument(params.documentId, "document.export");
  const options = { format: body.format, scope: body.scope, withComments: body.comments };
  const version = await recordExport(document.id, options, user.id, locale);
  const response = await exportFileResponse(document, options, version.label, locale);
  response.headers.set("x-version-id", version.versionId);
  return response;
});
