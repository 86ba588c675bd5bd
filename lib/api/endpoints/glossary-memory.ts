import { z } from "zod";
import { MAX_LIMIT } from "@/lib/concordance/concordance-service";
import { SIDES } from "@/lib/concordance/query";
import { MAX_TERM_LENGTH } from "@/lib/glossary/glossary-repository";
import { endpoint } from "../endpoint";
import { FileField, Id, projectParams } from "../schemas";

const Term = z.object({ id: Id, source: z.string(), target: z.string(), note: z.string(), forbidden: z.boolean() }).meta({ id: "Term" });
const TermInput = z
  .object({
    source: z.string().max(MAX_TERM_LENGTH).meta({ description: "The Chinese term; empty for a forbidden English word that applies everywhere." }),
    target: z.string().min(1).max(MAX_TERM_LENGTH),
    note: z.string().max(500).default(""),
    forbidden: z.boolean().default(false).meta({ description: "The target is an English word that must not be used." }),
  })
  .meta({ id: "TermInput" });
const termParams = z.object({ projectId: Id, termId: Id });
const imported = { 200: { description: "Imported: how many were added, and how many were already there.", schema: z.object({ added: z.number().int(), skipped: z.number().int() }) } };
const upload = z.object({ file: FileField });

export const listTerms = endpoint({
  method: "get", path: "/projects/{projectId}/glossary", operationId: "listTerms", tag: "Glossary", scope: "read",
  summary: "The project's glossary",
  params: projectParams,
  responses: { 200: { description: "Every term, by source.", schema: z.object({ terms: z.array(Term) }) } },
  errors: [404],
});

export const createTerm = endpoint({
  method: "post", path: "/projects/{projectId}/glossary", operationId: "createTerm", tag: "Glossary", scope: "write",
  summary: "Add a term (owners and reviewers)",
  params: projectParams, body: { kind: "json", schema: TermInput },
  responses: { 201: { description: "Added.", schema: z.object({ term: Term }) } },
  errors: [404, 409, 422],
});

export const updateTerm = endpoint({
  method: "put", path: "/projects/{projectId}/glossary/{termId}", operationId: "updateTerm", tag: "Glossary", scope: "write",
  summary: "Change a term",
  params: termParams, body: { kind: "json", schema: TermInput },
  responses: { 200: { description: "Changed.", schema: z.object({ term: Term }) } },
  errors: [404, 409, 422],
});

export const deleteTerm = endpoint({
  method: "delete", path: "/projects/{projectId}/glossary/{termId}", operationId: "deleteTerm", tag: "Glossary", scope: "write",
  summary: "Delete a term",
  params: termParams,
  responses: { 204: { description: "Deleted." } },
  errors: [404],
});

export const exportGlossary = endpoint({
  method: "get", path: "/projects/{projectId}/glossary/export", operationId: "exportGlossary", tag: "Glossary", scope: "read",
  summary: "The glossary as CSV (source, target, note, forbidden) or TBX, streamed",
  params: projectParams,
  query: z.object({ format: z.enum(["csv", "tbx"]).default("csv") }),
  responses: { 200: { description: "The file.", mediaTypes: ["text/csv; charset=utf-8", "application/x-tbx+xml; charset=utf-8"] } },
  errors: [404, 422],
});

export const importGlossary = endpoint({
  method: "post", path: "/projects/{projectId}/glossary/import", operationId: "importGlossary", tag: "Glossary", scope: "write",
  summary: "Import a CSV or TBX glossary (.tbx/.xml is read as TBX); pairs already there are kept",
  params: projectParams, body: { kind: "multipart", schema: upload },
  responses: imported,
  errors: [404, 409, 413, 422],
});

const MemoryMatch = z.object({ id: Id, source: z.string(), target: z.string(), score: z.number().meta({ description: "Similarity, 0–100 (100: the same text)." }), origin: z.string(), shared: z.boolean() }).meta({ id: "MemoryMatch" });

export const lookupMemory = endpoint({
  method: "get", path: "/projects/{projectId}/memory/lookup", operationId: "lookupMemory", tag: "Translation memory", scope: "read",
  summary: "The best translation-memory matches for a Chinese text (the editor's suggestions)",
  params: projectParams,
  query: z.object({ source: z.string().min(1).max(4_000), limit: z.coerce.number().int().min(1).max(20).default(3) }),
  responses: { 200: { description: "Matches, best first.", schema: z.object({ matches: z.array(MemoryMatch) }) } },
  errors: [404, 422],
});

export const concordance = endpoint({
  method: "get", path: "/projects/{projectId}/memory/concordance", operationId: "concordance", tag: "Translation memory", scope: "read",
  summary: "Concordance search: where a word or phrase occurs in the project's documents and memories",
  params: projectParams,
  query: z.object({
    q: z.string().min(1).max(200),
    side: z.enum(SIDES).default("both"),
    limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(20),
    cursor: z.string().max(200).optional().meta({ description: "The previous page's nextCursor." }),
  }),
  responses: { 200: { description: "A page of occurrences.", schema: z.looseObject({ results: z.array(z.looseObject({ source: z.string(), target: z.string() })), nextCursor: z.string().nullable() }) } },
  errors: [404, 422],
});

export const exportMemory = endpoint({
  method: "get", path: "/projects/{projectId}/memory/export", operationId: "exportMemory", tag: "Translation memory", scope: "read",
  summary: "The project's translation memory as TMX 1.4b (owners)",
  params: projectParams,
  responses: { 200: { description: "The TMX file.", mediaTypes: ["application/x-tmx+xml; charset=utf-8"] } },
  errors: [404],
});

export const importMemory = endpoint({
  method: "post", path: "/projects/{projectId}/memory/import", operationId: "importMemory", tag: "Translation memory", scope: "admin",
  summary: "Import a TMX file into the project's memory (owners); pairs already there are skipped",
  params: projectParams, body: { kind: "multipart", schema: upload },
  responses: imported,
  errors: [404, 409, 413, 422],
});
