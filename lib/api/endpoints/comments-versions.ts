import { z } from "zod";
import { MAX_COMMENT_LENGTH } from "@/lib/review/comments";
import { MAX_VERSION_LABEL } from "@/lib/versions/version-repository";
import { endpoint } from "../endpoint";
import { Id, Timestamp, documentParams, segmentParams } from "../schemas";

const Comment = z
  .object({
    id: Id,
    parentId: Id.nullable(),
    authorId: Id.nullable(),
    authorName: z.string().nullable().meta({ description: "null: the account is gone." }),
    body: z.string().meta({ description: "Markdown; @Name mentions notify members." }),
    isIssue: z.boolean().meta({ description: "An open issue blocks approval until resolved." }),
    resolvedAt: Timestamp.nullable(),
    resolvedByName: z.string().nullable(),
    createdAt: Timestamp,
    edited: z.boolean(),
  })
  .meta({ id: "Comment" });
const Thread = z.object({ comments: z.array(Comment) });

export const listComments = endpoint({
  method: "get", path: "/segments/{segmentId}/comments", operationId: "listComments", tag: "Comments", scope: "read",
  summary: "The segment's comment thread, oldest first",
  params: segmentParams,
  responses: { 200: { description: "The thread.", schema: Thread } },
  errors: [404],
});

export const addComment = endpoint({
  method: "post", path: "/segments/{segmentId}/comments", operationId: "addComment", tag: "Comments", scope: "write",
  summary: "Add a comment (or an issue, or a reply) to the segment's thread",
  params: segmentParams,
  body: {
    kind: "json",
    schema: z.object({ body: z.string().min(1).max(MAX_COMMENT_LENGTH), isIssue: z.boolean().default(false), parentId: Id.nullable().optional() }).meta({ id: "NewComment" }),
  },
  responses: { 201: { description: "Added: the thread as it is now.", schema: Thread } },
  errors: [404, 422],
});

export const resolveComment = endpoint({
  method: "post", path: "/comments/{commentId}/resolve", operationId: "resolveComment", tag: "Comments", scope: "write",
  summary: "Resolve a comment or issue (or reopen it with resolved: false)",
  params: z.object({ commentId: Id }),
  body: { kind: "json", schema: z.object({ resolved: z.boolean().default(true) }) },
  responses: { 200: { description: "The thread as it is now.", schema: Thread } },
  errors: [404, 409],
});

const Version = z
  .object({ id: Id, label: z.string(), reason: z.enum(["manual", "signoff", "export"]), authorName: z.string().nullable(), createdAt: Timestamp, segments: z.number().int() })
  .meta({ id: "Version" });

export const listVersions = endpoint({
  method: "get", path: "/documents/{documentId}/versions", operationId: "listVersions", tag: "Versions", scope: "read",
  summary: "The document's frozen versions, newest first (made by hand, by exports and by sign-off)",
  params: documentParams,
  responses: { 200: { description: "The versions.", schema: z.object({ versions: z.array(Version) }) } },
  errors: [404],
});

export const createVersion = endpoint({
  method: "post", path: "/documents/{documentId}/versions", operationId: "createVersion", tag: "Versions", scope: "write",
  summary: "Freeze the document as it is now under a name",
  params: documentParams,
  body: { kind: "json", schema: z.object({ label: z.string().min(1).max(MAX_VERSION_LABEL) }) },
  responses: { 201: { description: "Frozen.", schema: z.object({ version: z.object({ id: Id }) }) } },
  errors: [404, 409],
});

export const compareVersions = endpoint({
  method: "get", path: "/documents/{documentId}/versions/compare", operationId: "compareVersions", tag: "Versions", scope: "read",
  summary: "What changed between two versions (or a version and now), segment by segment",
  params: documentParams,
  query: z.object({ from: z.string().min(1).max(64).meta({ description: "A version id, or now." }), to: z.string().min(1).max(64).default("now").meta({ description: "A version id, or now (default)." }) }),
  responses: {
    200: {
      description: "The comparison: the two sides' names, a summary by kind of change, and the changes.",
      schema: z.object({ comparison: z.looseObject({ summary: z.record(z.string(), z.number()), changes: z.array(z.looseObject({ kind: z.string() })) }) }),
    },
  },
  errors: [404, 422],
});
