import { AccessDenied, authorizeDocument, deniedResponse, requireUser } from "@/lib/auth/access";
import { attachment } from "@/lib/http/content-disposition";
import { exportFileName, prepareExport } from "@/lib/exchange/export-document";
import { EXPORT_FORMATS, isExportFormat, type ExportFormat } from "@/lib/exchange/formats";

/**
 * GET ?format=docx-review|docx-target|xliff-1.2|xliff-2.0|tmx|csv|xlsx|html|txt|md&scope=all|approved&comments=1
 * Text formats stream as they are generated; every export freezes a version and is logged.
 */
export async function GET(request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "";
  if (!isExportFormat(format)) return Response.json({ error: `Unknown format. Use one of: ${Object.keys(EXPORT_FORMATS).join(", ")}.` }, { status: 400 });
  const scope = url.searchParams.get("scope") === "approved" ? "approved" : "all";
  const withComments = url.searchParams.get("comments") === "1";
  try {
    const user = await requireUser();
    const { document } = await authorizeDocument(user, documentId, "document.export");
    const doc = await prepareExport(document.id, { format, scope, withComments }, user.id);
    const spec: ExportFormat = EXPORT_FORMATS[format];
    const headers = { "content-type": spec.mime, "content-disposition": attachment(exportFileName(document.title, format)), "x-segment-count": String(doc.segments.length), "cache-control": "no-store" };
    if (spec.type === "binary") return new Response(new Uint8Array(await spec.write(doc)), { headers });
    const chunks = spec.write(doc);
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // A few hundred units per pull keeps memory flat and lets the client show progress.
        let text = "";
        for (let i = 0; i < 200; i++) {
          const next = chunks.next();
          if (next.done) {
            if (text) controller.enqueue(encoder.encode(text));
            controller.close();
            return;
          }
          text += next.value;
        }
        controller.enqueue(encoder.encode(text));
      },
    });
    return new Response(stream, { headers });
  } catch (error) {
    if (error instanceof AccessDenied) return deniedResponse(error);
    throw error;
  }
}
