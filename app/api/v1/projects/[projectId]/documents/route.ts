import { prisma } from "@/lib/db";
import { apiRoute } from "@/lib/api/api-route";
import { documentView } from "@/lib/api/document-view";
import { createDocument, listDocuments } from "@/lib/api/endpoints/documents";
import { importTextNow } from "@/lib/documents/import-upload";
import { listDocumentSummaries } from "@/lib/projects/project-repository";

export const GET = apiRoute(listDocuments, async ({ params, query, authorizeProject }) => {
  await authorizeProject(params.projectId, "document.view");
  const documents = await listDocumentSummaries(prisma, params.projectId, { status: query.status, titleContains: query.q });
  return { documents: documents.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })) };
});

export const POST = apiRoute(createDocument, async ({ user, params, body, authorizeProject }) => {
  await authorizeProject(params.projectId, "document.import");
  const { document } = await importTextNow({ projectId: params.projectId, text: body.text, format: body.format, title: body.title, joins: body.joins, origin: "api", actorId: user.id });
  const view = await documentView(document.id);
  return Response.json({ document: view.document }, { status: 201, headers: { ETag: view.etag, Location: `/api/v1/documents/${document.id}` } });
});
