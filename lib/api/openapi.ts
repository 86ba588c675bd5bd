import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { API_SCOPES } from "./authenticate";
import type { ApiEndpoint } from "./endpoint";
import { ALL_ENDPOINTS } from "./endpoints";
import { ErrorResponse } from "./schemas";
import { MAX_LIST_ITEMS } from "@/lib/http/well-formed-text";

/**
 * The OpenAPI 3.1 description of /api/v1, generated from the endpoint declarations whose zod
 * schemas also validate the requests (lib/api/api-route.ts): served at /api/v1/openapi.json,
 * rendered at /api-docs, and used by the typed client of the API scenario test.
 */

const ERROR_TEXT: Record<number, string> = {
  400: "Malformed request body (not JSON, or not a form upload).",
  401: "No valid credentials: a Bearer token, or a signed-in browser session.",
  403: "Signed in, but the token lacks the scope or the person's role does not allow this.",
  404: "Not found, or not visible to the caller (not a member; another project than the token's).",
  409: "Refused by the rules: a conflict with a newer version, a status change that does not apply, a name taken.",
  412: "If-Match does not name this segment's ETag.",
  413: "The upload or text is larger than the server accepts.",
  422: "The request does not match the schema (details.issues), or the text is not valid.",
  429: "Too many requests: wait Retry-After seconds.",
};

/** Every JSON body is checked before its schema (lib/api/api-route.ts): a longer list is refused whole. */
const LIST_TOO_LONG = `A list in the JSON body has more than ${MAX_LIST_ITEMS.toLocaleString("en")} items (code \`list-too-long\`; the message gives the count and the limit).`;

const errorResponse = (status: number, description = ERROR_TEXT[status] ?? "Error."): ResponseConfig => ({ description, content: { "application/json": { schema: ErrorResponse } } });

function route(endpoint: ApiEndpoint<never, never, never>): RouteConfig {
  const responses: Record<string, ResponseConfig> = {};
  for (const [status, response] of Object.entries(endpoint.responses)) {
    const content = response.schema
      ? { "application/json": { schema: response.schema } }
      : response.mediaTypes
        ? Object.fromEntries(response.mediaTypes.map((type) => [type, { schema: { type: "string" as const, format: "binary" } }]))
        : undefined;
    responses[status] = {
      description: response.description,
      ...(content ? { content } : {}),
      ...(endpoint.etag ? { headers: { ETag: { description: "Weak ETag of this representation; send it as If-None-Match (304) or, on a segment, If-Match.", schema: { type: "string" } } } } : {}),
    };
  }
  if (endpoint.etag) responses["304"] = { description: "Not modified: If-None-Match names the current ETag." };
  for (const status of [...(endpoint.errors ?? []), 401, 403, 429].sort()) responses[String(status)] = errorResponse(status);
  if (endpoint.body?.kind === "json") {
    responses["400"] = errorResponse(400);
    responses["413"] = errorResponse(413, endpoint.errors?.includes(413) ? `${ERROR_TEXT[413]} Or: ${LIST_TOO_LONG}` : LIST_TOO_LONG);
  }
  return {
    method: endpoint.method,
    path: endpoint.path,
    operationId: endpoint.operationId,
    summary: endpoint.summary,
    ...(endpoint.description ? { description: endpoint.description } : {}),
    tags: [endpoint.tag],
    security: [{ bearer: [endpoint.scope] }, { session: [] }],
    "x-scope": endpoint.scope,
    request: {
      ...(endpoint.params ? { params: endpoint.params as never } : {}),
      ...(endpoint.query ? { query: endpoint.query as never } : {}),
      ...(endpoint.body
        ? { body: { required: true, content: { [endpoint.body.kind === "json" ? "application/json" : "multipart/form-data"]: { schema: endpoint.body.schema } } } }
        : {}),
    },
    responses,
  };
}

let cached: object | null = null;

export function openApiDocument(): object {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: `A personal access token (account page), \`Authorization: Bearer dzp_…\`. Scopes: ${API_SCOPES.join(", ")}; admin includes the others, and write or review include read.`,
  });
  registry.registerComponent("securitySchemes", "session", { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The browser session of a signed-in person (state-changing calls must come from Duizhao's own pages)." });
  for (const endpoint of ALL_ENDPOINTS) registry.registerPath(route(endpoint));
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Duizhao API",
      version: "1.0.0",
      description:
        "Push Chinese articles in, follow their translation and review, pull the English out. Every call acts as a user and is allowed exactly what that user may do in the app. Errors share one shape, `{ error: { code, message, details } }`, with messages in the caller's language.",
    },
    servers: [{ url: "/api/v1" }],
    tags: ["Projects", "Documents", "Segments", "Comments", "Versions", "Glossary", "Translation memory"].map((name) => ({ name })),
  });
  return cached;
}
