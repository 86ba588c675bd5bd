import type { z } from "zod";
import type { ApiScope } from "./authenticate";

/**
 * One API endpoint declared once: the route handler validates with these schemas (lib/api/api-route.ts)
 * and the OpenAPI description is generated from them (lib/api/openapi.ts), so the two cannot drift.
 */
export interface ApiEndpoint<P = unknown, Q = unknown, B = unknown> {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** OpenAPI path, `{param}` style: /projects/{projectId}/documents. Relative to /api/v1. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  scope: ApiScope;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: { kind: "json" | "multipart"; schema: z.ZodType<B> };
  /** Success responses by status: a JSON schema, or a media type for a file (export). */
  responses: Record<number, { description: string; schema?: z.ZodType; mediaTypes?: string[] }>;
  /** Error statuses this endpoint can answer besides 401/403/429 (which all can). */
  errors?: number[];
  /** The response carries an ETag and honours If-None-Match (304). */
  etag?: boolean;
}

export function endpoint<P = unknown, Q = unknown, B = unknown>(declaration: ApiEndpoint<P, Q, B>): ApiEndpoint<P, Q, B> {
  return declaration;
}
