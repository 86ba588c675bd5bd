import { z } from "zod";
import { EXPORT_FORMATS } from "@/lib/exchange/formats";
import { MAX_TITLE_LENGTH } from "@/lib/documents/import-document";
import { CHECK_IDS } from "@/lib/qa/finding-text";
import { endpoint } from "../endpoint";
import { Document, DocumentSummary, FileField, Id, JoinDecision, SegmentKind, SegmentPage, SegmentStatus, documentParams, newDocumentBody, projectParams, queryInt, queryList } from "../schemas";

const tag = "Documents";
const created = { 201: { description: "Created: the document with its progress.", schema: z.object({ document: Document }) } };

export const listDocuments = endpoint({
  method: "get", path: "/projects/{projectId}/documents", operationId: "listDocuments", tag, scope: "read",
  summary: "The project's documents with progress, newest first",
  params: projectParams,
  query: z.object({
    status: z.enum(["in_progress", "approved"]).optional().meta({ description: "approved: signed off." }),
    q: z.string().max(200).optional().meta({ description: "Part of the title." }),
  }),
  responses: { 200: { description: "The documents.", schema: z.object({ documents: z.array(DocumentSummary) }) } },
  errors: [404, 422],
});

export const createDocument = endpoint({
  method: "post", path: "/projects/{projectId}/documents", operationId: "createDocument", tag, scope: "write",
  summary: "Create a document from Chinese text",
  description: "The text is analysed as on the import page (headings, bylines, captions; paragraphs a page break cut in two are proposed as joins) and `joins` decides which joins are applied.",
  params: projectParams,
  body: { kind: "json", schema: newDocumentBody },
  responses: created,
  errors: [404, 409, 413, 422],
});

export const uploadDocument = endpoint({
  method: "post", path: "/projects/{projectId}/documents/upload", operationId: "uploadDocument", tag, scope: "write",
  summary: "Create a document from an uploaded file",
  description: "A text or Markdown file in any encoding the import page reads (UTF-8, UTF-16, GB18030), or a bilingual file (XLIFF, TMX, CSV, XLSX) whose translations and statuses are kept.",
  params: projectParams,
  body: {
    kind: "multipart",
    schema: z.object({
      file: FileField,
      title: z.string().trim().max(MAX_TITLE_LENGTH).optional(),
      joins: z
        .preprocess((v) => (typeof v === "string" && v.startsWith("[") ? JSON.parse(v) : v), JoinDecision)
        .meta({ description: "all (default), none, or a JSON array of join ids." }),
    }),
  },
  responses: created,
  errors: [404, 409, 413, 422],
});

export const getDocument = endpoint({
  method: "get", path: "/documents/{documentId}", operationId: "getDocument", tag, scope: "read",
  summary: "One document with its progress (segment counts by status)",
  params: documentParams,
  responses: { 200: { description: "The document.", schema: z.object({ document: Document }) } },
  errors: [404],
  etag: true,
});

export const deleteDocument = endpoint({
  method: "delete", path: "/documents/{documentId}", operationId: "deleteDocument", tag, scope: "admin",
  summary: "Delete a document with its segments, history, comments and versions (owners)",
  params: documentParams,
  responses: { 204: { description: "Deleted." } },
  errors: [404],
});

export const listSegments = endpoint({
  method: "get", path: "/documents/{documentId}/segments", operationId: "listSegments", tag: "Segments", scope: "read",
  summary: "The document's segments in order, a page at a time (keyset cursor)",
  params: documentParams,
  query: z.object({
    after: z.coerce.number().int().min(-1).default(-1).meta({ description: "Segments after this position (the previous page's `next`); from the start when left out." }),
    limit: queryInt(1, 500, 100).meta({ description: "At most this many (1–500, default 100)." }),
    status: queryList(SegmentStatus),
    kind: queryList(SegmentKind),
  }),
  responses: { 200: { description: "A page of segments.", schema: SegmentPage } },
  errors: [404, 422],
});

const exportFormats = Object.keys(EXPORT_FORMATS) as [keyof typeof EXPORT_FORMATS, ...(keyof typeof EXPORT_FORMATS)[]];

export const exportDocument = endpoint({
  method: "post", path: "/documents/{documentId}/export", operationId: "exportDocument", tag, scope: "read",
  summary: "Export the document in any format the export dialog offers (the file, streamed)",
  description: "Records the export as the export button does (a version is frozen when the document changed since its last one), then answers with the file. Owners only, as in the app.",
  params: documentParams,
  body: {
    kind: "json",
    schema: z
      .object({
        format: z.enum(exportFormats),
        scope: z.enum(["all", "approved"]).default("all"),
        comments: z.boolean().default(true).meta({ description: "Include comments (formats that carry them)." }),
      })
      .meta({ id: "ExportRequest" }),
  },
  responses: { 200: { description: "The file; `X-Segment-Count` says how many segments it holds.", mediaTypes: [...new Set(Object.values(EXPORT_FORMATS).map((f) => f.mime))] } },
  errors: [404, 422],
});

const QaFinding = z
  .object({
    check: z.enum(CHECK_IDS),
    severity: z.enum(["error", "warning"]),
    code: z.string().meta({ description: "The finding's kind within its check (stable; the interface's catalog key)." }),
    message: z.string().meta({ description: "The finding in English; with check and segment, what an ignore names." }),
  })
  .meta({ id: "QaFinding" });

export const documentQa = endpoint({
  method: "get", path: "/documents/{documentId}/qa", operationId: "documentQa", tag, scope: "read",
  summary: "The QA panel's findings for the whole document (checks, the project's glossary, consistency)",
  description:
    "Segments never translated are not checked, and findings a reviewer ignored are left out, as in the QA panel. Spelling is not checked here (its dictionaries are the reader's: the editor and local `duizhao qa` check it).",
  params: documentParams,
  responses: {
    200: {
      description: "Each checked segment in document order with its findings (an empty list when it has none).",
      schema: z.object({
        segments: z.number().int().meta({ description: "Segments in the document." }),
        results: z.array(z.object({ index: z.number().int().meta({ description: "The segment's place in the document, from 0." }), id: Id, position: z.number().int(), findings: z.array(QaFinding) })),
      }),
    },
  },
  errors: [404],
});
