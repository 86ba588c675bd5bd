import { z } from "zod";
import { endpoint } from "../endpoint";
import { SavedSegment, Segment, requestChangesBody, segmentParams, targetBody, versionBody } from "../schemas";

const tag = "Segments";
const saved = { 200: { description: "Saved.", schema: z.object({ segment: SavedSegment, changed: z.boolean() }) } };
const transitioned = { 200: { description: "The segment's new status and version.", schema: z.object({ segment: SavedSegment }) } };

export const getSegment = endpoint({
  method: "get", path: "/segments/{segmentId}", operationId: "getSegment", tag, scope: "read",
  summary: "One segment",
  params: segmentParams,
  responses: { 200: { description: "The segment.", schema: z.object({ segment: Segment }) } },
  errors: [404],
  etag: true,
});

export const updateTarget = endpoint({
  method: "put", path: "/segments/{segmentId}/target", operationId: "updateTarget", tag, scope: "write",
  summary: "Save the English text (the editor's version check: 409 with the current text when someone saved first)",
  description: "Name the version the text is based on with `baseVersion` or with `If-Match: <the segment's ETag>`. On a conflict nothing is saved and `details.current` holds the segment as it is now.",
  params: segmentParams,
  body: { kind: "json", schema: targetBody },
  responses: saved,
  errors: [404, 409, 412, 422],
});

export const confirmSegment = endpoint({
  method: "post", path: "/segments/{segmentId}/confirm", operationId: "confirmSegment", tag, scope: "write",
  summary: "Confirm the segment's current text (status translated)",
  params: segmentParams,
  body: { kind: "json", schema: versionBody },
  responses: saved,
  errors: [404, 409, 422],
});

export const approveSegment = endpoint({
  method: "post", path: "/segments/{segmentId}/approve", operationId: "approveSegment", tag, scope: "review",
  summary: "Approve the segment (reviewers and owners; with two review stages the first approval makes it reviewed)",
  params: segmentParams,
  body: { kind: "json", schema: versionBody },
  responses: transitioned,
  errors: [404, 409, 422],
});

export const requestChanges = endpoint({
  method: "post", path: "/segments/{segmentId}/request-changes", operationId: "requestChanges", tag, scope: "review",
  summary: "Send the segment back to its translator with a comment",
  params: segmentParams,
  body: { kind: "json", schema: requestChangesBody },
  responses: transitioned,
  errors: [404, 409, 422],
});
