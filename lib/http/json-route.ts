import { z } from "zod";
import { AccessDenied, requireUser } from "@/lib/auth/access";
import type { SessionUser } from "@/lib/auth/session";
import { requestLocale, type Locale } from "@/lib/i18n/locales";
import { CodedError, errorBody, errorMessage, errorResponse, isErrorCode, type ErrorCode } from "./coded-error";
import { Refusal } from "./refusal";
import { declaredSizeRefusal, readJsonBody } from "./request-size";
import { MAX_LIST_ITEMS, requestBodyProblem } from "./well-formed-text";

/**
 * A body or query that fails its zod schema, as a 400. A schema's own message is an error code
 * (`z.string().refine(isTransition, "unknown-transition")`), answered in the request's language;
 * zod's built-in messages (English, about the request's shape) become `invalid-request` with the
 * problem in `details.issue`.
 */
export function invalidRequest(error: z.ZodError, locale: Locale): Response {
  const issue = error.issues[0];
  const code: ErrorCode = isErrorCode(issue?.message) ? issue.message : "invalid-request";
  const details = code === "invalid-request" && issue ? { issue: `${issue.path.join(".") || "body"}: ${issue.message}` } : undefined;
  return Response.json({ error: errorMessage(code, {}, locale), code, ...(details ? { details } : {}) }, { status: 400 });
}

/** The host the browser addressed: the proxy's X-Forwarded-Host (first hop), else Host, else the URL's. */
function requestHost(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return (forwarded || request.headers.get("host") || new URL(request.url).host).toLowerCase();
}

/**
 * Whether a state-changing request comes from Duizhao's own pages. Browsers say where a request
 * comes from in Sec-Fetch-Site (every current browser) and Origin (every cross-origin or
 * non-GET request); one of them must be present and name this site. A request without either is
 * not from a browser page of ours and is refused too — scripts send `Origin` themselves.
 */
export function isSameOrigin(request: Request, env = process.env): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site) return site === "same-origin";
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return false;
  }
  const publicHost = env.NEXTAUTH_URL ? new URL(env.NEXTAUTH_URL).host.toLowerCase() : null;
  return originHost === requestHost(request) || originHost === publicHost;
}

/**
 * The cross-site request forgery guard every state-changing route passes (issue 13): a JSON body
 * (a form or `text/plain` post from another site cannot set that type without a CORS preflight,
 * which Duizhao never grants) and a same-origin Origin/Sec-Fetch-Site. Null when the request may go on.
 */
export function crossSiteRefusal(request: Request): Response | null {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    return errorResponse("json-required", 415, requestLocale(request));
  }
  if (!isSameOrigin(request)) {
    return errorResponse("cross-site", 403, requestLocale(request));
  }
  return null;
}

/**
 * Refusals turned into status codes; anything else is a bug and propagates (a 500). A CodedError
 * answers in the request's language (the signed-in person's setting when known) with its code.
 */
export function refusalResponse(error: unknown, request?: Request, user?: SessionUser | null): Response {
  if (error instanceof AccessDenied && error.customMessage) return Response.json({ error: error.customMessage, code: error.code }, { status: error.status });
  if (error instanceof CodedError) return Response.json(errorBody(error, request ? requestLocale(request, user?.locale) : "en"), { status: error.status });
  // A refusal not yet given a code of its own: its (English) message and the generic code.
  if (error instanceof Refusal) return Response.json({ error: error.message, code: "refused" }, { status: error.status });
  if (error instanceof z.ZodError) return invalidRequest(error, request ? requestLocale(request, user?.locale) : "en");
  throw error;
}

/**
 * The shape every state-changing JSON route shares: a body within the size limit (413, as the
 * proxy answers it: routes the proxy skips rely on this), the cross-site guard, a signed-in user, a
 * body validated by `schema` (400 with the first problem; 422 for text that is not valid
 * Unicode), and refusals turned into status codes — CodedErrors (AccessDenied among them) and
 * Refusals into their own. `authenticate` (default: requireUser, from Next's request scope) is for
 * callers outside that scope that have decoded the session token themselves.
 */
export async function jsonRoute<T>(
  request: Request,
  schema: z.ZodType<T>,
  run: (user: SessionUser, body: T) => Promise<Response | object>,
  authenticate: () => Promise<SessionUser> = requireUser,
): Promise<Response> {
  const refused = declaredSizeRefusal(request) ?? crossSiteRefusal(request);
  if (refused) return refused;
  let user: SessionUser | null = null;
  try {
    user = await authenticate();
    const read = await readJsonBody(request);
    if ("refused" in read) return read.refused;
    const raw = read.json;
    const problem = await requestBodyProblem(raw);
    if (problem?.code === "ill-formed-text") return errorResponse("ill-formed-text", 422, requestLocale(request, user.locale));
    if (problem?.code === "list-too-long") return errorResponse("list-too-long", 413, requestLocale(request, user.locale), { count: problem.count, max: MAX_LIST_ITEMS });
    const body = schema.safeParse(raw);
    if (!body.success) return invalidRequest(body.error, requestLocale(request, user.locale));
    const result = await run(user, body.data);
    return result instanceof Response ? result : Response.json(result);
  } catch (error) {
    return refusalResponse(error, request, user);
  }
}

/** A state-changing route without a body (machine translation, leaving a document): guard, then `run`. */
export async function jsonCommand(request: Request, run: (user: SessionUser) => Promise<Response | object>): Promise<Response> {
  const refused = crossSiteRefusal(request);
  if (refused) return refused;
  let user: SessionUser | null = null;
  try {
    user = await requireUser();
    const result = await run(user);
    return result instanceof Response ? result : Response.json(result);
  } catch (error) {
    return refusalResponse(error, request, user);
  }
}

/**
 * GET handlers, which change nothing and have no body: `run` checks access itself. Pass the
 * request so coded refusals answer in its language (else English).
 */
export async function jsonGet(run: () => Promise<Response | object>, request?: Request): Promise<Response> {
  try {
    const result = await run();
    return result instanceof Response ? result : Response.json(result);
  } catch (error) {
    return refusalResponse(error, request);
  }
}
