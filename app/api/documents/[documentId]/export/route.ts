import { z } from "zod";
import { AccessDenied, authorizeDocument, deniedResponse, requireUser } from "@/lib/auth/access";
import { prisma } from "@/lib/db";
import { CodedError, errorBody, errorResponse } from "@/lib/http/coded-error";
import { jsonRoute } from "@/lib/http/json-route";
import { requestLocale } from "@/lib/i18n/locales";
import { recordExport } from "@/lib/exchange/export-document";
import { exportFileResponse } from "@/lib/exchange/export-response";
import { versionName } from "@/lib/versions/version-name";
import { checkTrackOption, trackOptionSchema, type TrackOption } from "@/lib/exchange/tracked/tracked-export";
import { EXPORT_FORMATS, isExportFormat, type ExportFormatId } from "@/lib/exchange/formats";

const FORMATS = { formats: Object.keys(EXPORT_FORMATS).join(", ") };
const optionsSchema = z
  .object({
    format: z.string().max(40),
    scope: z.enum(["all", "approved"]).default("all"),
    comments: z.boolean().default(true),
    track: trackOptionSchema.optional(),
  })
  .refine((o) => !o.track || o.format.startsWith("docx-"), "track-word-only");

const downloadUrl = (documentId: string, o: { format: string; scope: string; comments: boolean; track?: TrackOption }, versionId: string) =>
  `/api/documents/${documentId}/export?${new URLSearchParams({
    format: o.format,
    scope: o.scope,
    comments: o.comments ? "1" : "0",
    version: versionId,
    ...(o.track ? { track: o.track.mode, ...(o.track.mode === "versions" ? { from: o.track.from, to: o.track.to } : {}) } : {}),
  })}`;

/** The tracked-changes option of a download URL (validated like the POST's). */
function trackOf(url: URL): TrackOption | undefined | null {
  const mode = url.searchParams.get("track");
  if (!mode) return undefined;
  const parsed = trackOptionSchema.safeParse({ mode, from: url.searchParams.get("from") ?? undefined, to: url.searchParams.get("to") ?? undefined });
  return parsed.success ? parsed.data : null;
}

/**
 * POST { format, scope, comments, track? } — record an export (owners): freezes a version if the document
 * changed since its last one, logs the export, and answers with the version and the download URL.
 */
export async function POST(request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  return jsonRoute(request, optionsSchema, async (user, options) => {
    const { document } = await authorizeDocument(user, documentId, "document.export");
    if (!isExportFormat(options.format)) throw new CodedError("unknown-export-format", 400, FORMATS);
    const format: ExportFormatId = options.format;
    await checkTrackOption(document.id, options.track);
    const version = await recordExport(document.id, { format, scope: options.scope, withComments: options.comments, track: options.track }, user.id, requestLocale(request, user.locale));
    return { version, download: downloadUrl(document.id, options, version.versionId) };
  });
}

/**
 * GET ?format=docx-review|docx-target|xliff-1.2|xliff-2.0|tmx|csv|xlsx|html|txt|md&scope=all|approved&comments=1&version=ID[&track=since-confirmed|versions&from=ID&to=ID|now]
 * The file itself. Changes nothing (no version, no log: the POST records the export); `version`
 * names the version the POST recorded, for the file's header. Text formats stream.
 */
export async function GET(request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "";
  if (!isExportFormat(format)) return errorResponse("unknown-export-format", 400, requestLocale(request), FORMATS);
  const scope = url.searchParams.get("scope") === "approved" ? "approved" : "all";
  const withComments = url.searchParams.get("comments") === "1";
  const track = trackOf(url);
  if (track === null) return errorResponse("track-invalid", 400, requestLocale(request));
  if (track && !format.startsWith("docx-")) return errorResponse("track-word-only", 400, requestLocale(request));
  try {
    const user = await requireUser();
    const { document } = await authorizeDocument(user, documentId, "document.export");
    const versionId = url.searchParams.get("version");
    const version = versionId ? await prisma.documentVersion.findFirst({ where: { id: versionId, documentId: document.id, freezing: false }, include: { author: { select: { name: true } } } }) : null;
    const locale = requestLocale(request, user.locale);
    return await exportFileResponse(document, { format, scope, withComments, track }, version ? versionName({ ...version, authorName: version.author?.name ?? null }, locale) : null, locale);
  } catch (error) {
    if (error instanceof AccessDenied) return deniedResponse(error, request);
    // A tracked-changes option naming a version of another document (404), among others.
    if (error instanceof CodedError) return Response.json(errorBody(error, requestLocale(request)), { status: error.status });
    throw error;
  }
}
