import { apiRoute } from "@/lib/api/api-route";
import { documentQa } from "@/lib/api/endpoints/documents";
import { storedDocumentQa } from "@/lib/qa/stored-document-qa";

export const GET = apiRoute(documentQa, async ({ params, authorizeDocument }) => {
  const { document } = await authorizeDocument(params.documentId, "document.view");
  const { segments, results } = await storedDocumentQa(document.id, document.projectId);
  return { segments, results: results.map((r) => ({ ...r, findings: r.findings.map(({ check, severity, code, message }) => ({ check, severity, code, message })) })) };
});
