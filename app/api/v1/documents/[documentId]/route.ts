import { apiRoute, withEtag } from "@/lib/api/api-route";
import { documentView } from "@/lib/api/document-view";
import { deleteDocument, getDocument } from "@/lib/api/endpoints/documents";
import { deleteDocument as deleteDocumentNow } from "@/lib/documents/delete-document";

export const GET = apiRoute(getDocument, async ({ request, params, authorizeDocument }) => {
  await authorizeDocument(params.documentId, "document.view");
  const { etag, document } = await documentView(params.documentId);
  return withEtag(request, etag, { document });
});

export const DELETE = apiRoute(deleteDocument, async ({ params, authorizeDocument }) => {
  await authorizeDocument(params.documentId, "document.delete");
  await deleteDocumentNow(params.documentId);
  return new Response(null, { status: 204 });
});
