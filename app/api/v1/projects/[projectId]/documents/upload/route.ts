import { apiRoute } from "@/lib/api/api-route";
import { documentView } from "@/lib/api/document-view";
import { uploadDocument } from "@/lib/api/endpoints/documents";
import { importUploadNow } from "@/lib/documents/import-upload";
import { uploadBytes } from "@/lib/exchange/upload-bytes";

export const POST = apiRoute(uploadDocument, async ({ user, params, body, authorizeProject }) => {
  await authorizeProject(params.projectId, "document.import");
  const data = await uploadBytes(body.file);
  const { document } = await importUploadNow({ projectId: params.projectId, fileName: body.file.name, data, title: body.title, joins: body.joins, actorId: user.id });
  const view = await documentView(document.id);
  return Response.json({ document: view.document }, { status: 201, headers: { ETag: view.etag, Location: `/api/v1/documents/${document.id}` } });
});
