import { z } from "zod";
import { SEGMENT_STATUSES } from "@/lib/review/segment-status";
import { ERROR_CATEGORIES, ERROR_SEVERITIES } from "@/lib/review/quality";
import { MAX_TARGET_LENGTH } from "@/lib/revisions/target-text";
import { MAX_TITLE_LENGTH } from "@/lib/documents/import-document";

/**
 * The public API's shared schemas (issue 19). `.meta({ id })` names a schema as an OpenAPI
 * component (lib/api/openapi.ts); the same objects validate requests in lib/api/api-route.ts.
 */

export const Id = z.string().min(1).max(64).meta({ description: "An opaque id (cuid).", example: "cmabc123def456" });
export const Timestamp = z.string().meta({ description: "ISO 8601 date and time (UTC).", example: "2026-12-01T09:30:00.000Z" });

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "Stable machine-readable code (kebab-case), never renamed once shipped.", example: "not-found" }),
      message: z.string().meta({ description: "A sentence for people, in the caller's language (Accept-Language or the account's setting)." }),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: "Error" });

export const SegmentStatus = z.enum(SEGMENT_STATUSES).meta({ id: "SegmentStatus" });
export const SegmentKind = z.enum(["heading", "paragraph", "caption", "byline"]).meta({ id: "SegmentKind" });
export const StatusCounts = z.record(SegmentStatus, z.number().int()).meta({ id: "StatusCounts" });

export const Project = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string(),
    role: z.string().meta({ description: "The caller's role in the project (site admins: owner)." }),
    sourceLang: z.string(),
    targetLang: z.string(),
    documentCount: z.number().int(),
    segmentCount: z.number().int(),
    statusCounts: StatusCounts,
  })
  .meta({ id: "Project" });

export const Member = z
  .object({ userId: Id, name: z.string(), email: z.string(), role: z.enum(["owner", "reviewer", "translator", "viewer"]), joinedAt: Timestamp })
  .meta({ id: "Member" });

export const DocumentSummary = z
  .object({
    id: Id,
    title: z.string(),
    status: z.enum(["in_progress", "approved"]).meta({ description: "approved: signed off." }),
    createdAt: Timestamp,
    segmentCount: z.number().int(),
    statusCounts: StatusCounts,
  })
  .meta({ id: "DocumentSummary" });

export const Document = DocumentSummary.extend({ projectId: Id, updatedAt: Timestamp }).meta({ id: "Document" });

export const Segment = z
  .object({
    id: Id,
    position: z.number().int().meta({ description: "Order in the document; the cursor for `after`." }),
    kind: SegmentKind,
    source: z.string(),
    target: z.string(),
    status: SegmentStatus,
    version: z.number().int().meta({ description: "Incremented by every save and status change; send it back as baseVersion (or If-Match)." }),
    truncated: z.boolean(),
    machineTranslated: z.boolean(),
    comments: z.number().int(),
    openIssues: z.number().int(),
  })
  .meta({ id: "Segment" });

export const SegmentPage = z
  .object({ segments: z.array(Segment), next: z.number().int().nullable().meta({ description: "Pass as `after` for the next page; null at the end." }) })
  .meta({ id: "SegmentPage" });

export const SavedSegment = z.object({ id: Id, target: z.string(), status: SegmentStatus, version: z.number().int() }).meta({ id: "SavedSegment" });

export const JoinDecision = z
  .union([z.enum(["all", "none"]), z.array(z.number().int().nonnegative())])
  .default("all")
  .meta({ id: "JoinDecision", description: "Which proposed paragraph joins to apply: all (default, as `duizhao import`), none, or the ids the analysis proposed." });

export const projectParams = z.object({ projectId: Id });
export const documentParams = z.object({ documentId: Id });
export const segmentParams = z.object({ segmentId: Id });

export const targetBody = z
  .object({
    target: z.string().max(MAX_TARGET_LENGTH * 2),
    baseVersion: z.number().int().positive().optional().meta({ description: "The version the text was based on; or send If-Match with the segment's ETag. One of the two is required." }),
    confirm: z.boolean().default(false).meta({ description: "Also confirm the segment (status translated)." }),
  })
  .meta({ id: "TargetUpdate" });

export const versionBody = z.object({ version: z.number().int().positive().optional().meta({ description: "Refuse (409) when the segment changed since this version." }) });

export const requestChangesBody = z.object({
  comment: z.string().min(1).max(10_000),
  version: z.number().int().positive().optional(),
  error: z.object({ category: z.enum(ERROR_CATEGORIES), severity: z.enum(ERROR_SEVERITIES) }).optional().meta({ description: "MQM-style error tag." }),
});

export const newDocumentBody = z
  .object({
    text: z.string().min(1),
    title: z.string().trim().max(MAX_TITLE_LENGTH).optional(),
    format: z.enum(["text", "markdown"]).default("text"),
    joins: JoinDecision,
  })
  .meta({ id: "NewDocumentFromText" });

/** A multipart file field, for validation and as `format: binary` in the description. */
export const FileField = z
  .custom<File>((value) => typeof File !== "undefined" && value instanceof File && value.size > 0, { message: "file-required" })
  .meta({ type: "string", format: "binary", description: "The file." } as Record<string, unknown>);

/** A number in a query string. */
export const queryInt = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);
/** A comma-separated or repeated query parameter as a list. */
export const queryList = <T extends z.ZodType<string>>(item: T) =>
  z
    .preprocess((value) => (value === undefined ? undefined : (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(",")).filter(Boolean)), z.array(item).optional())
    .meta({ description: "Comma-separated, or the parameter repeated." });
