import { z } from "zod";
import { AccessDenied, requireUser } from "@/lib/auth/access";
import { knownUser, signedInUser, type Signed } from "@/lib/auth/pending-session";
import type { SessionUser } from "@/lib/auth/session";
import { requestLocale, type Locale } from "@/lib/i18n/locales";
import { walDurable } from "@/lib/sqlite-wal";
import { CodedError, errorAnswer, errorBody, errorMessage, isErrorCode, type ErrorCode } from "./coded-error";
import { JsonAnswer, type RequestHead } from "./json-answer";
import { Refusal } from "./refusal";
import { declaredSizeAnswer, readJsonBody, type JsonBody } from "./request-size";
import { MAX_LIST_ITEMS, requestBodyProblem } from "./well-formed-text";

/**
 * A body or query that fails its zod schema, as a 400. A schema's own message is an error code
 * (`z.string().refine(isTransition, "unknown-transition")`), answered in the request's language;
 * zod's built-in messages (English, about the request's shape) become `invalid-request` with the
 * problem in `details.issue`.
 */
export function invalidRequest(error: z.ZodError, locale: Locale): Response {
  return invalidRequestAnswer(error, locale).toResponse();
}

function invalidRequestAnswer(error: z.ZodError, locale: Locale): JsonAnswer {
  const issue = error.issues[0];
  const code: ErrorCode = isErrorCode(issue?.message) ? issue.message : "invalid-request";
  const details = code === "invalid-request" && issue ? { issue: `${issue.path.join(".") || "body"}: ${issue.message}` } : undefined;
  return new JsonAnswer(400, { error: errorMessage(code, {}, locale), code, ...(details ? { details } : {}) });
}

/** The host the browser addressed: the proxy's X-Forwarded-Host (first hop), else Host, else the URL's. */
function requestHost(request: RequestHead): string {
  const forwarded = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return (forwarded || request.headers.get("host") || new URL(request.url).host).toLowerCase();
}

/**
 * Whether a state-changing request comes from Duizhao's own pages. Browsers say where a request
 * comes from in Sec-Fetch-Site (every current browser) and Origin (every cross-origin or
 * non-GET request); one of them must be present and name this site. A request without either is
 * not from a browser page of ours and is refused too — scripts send `Origin` themselves.
 */
export function isSameOrigin(request: RequestHead, env = process.env): boolean {
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
export function crossSiteRefusal(request: RequestHead): Response | null {
  return crossSiteAnswer(request)?.toResponse() ?? null;
}

function crossSiteAnswer(request: RequestHead): JsonAnswer | null {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    return errorAnswer("json-required", 415, requestLocale(request));
  }
  if (!isSameOrigin(request)) {
    return errorAnswer("cross-site", 403, requestLocale(request));
  }
  return null;
}

/**
 * Refusals turned into status codes; anything else is a bug and propagates (a 500). A CodedError
 * answers in the request's language (the signed-in person's setting when known) with its code.
 */
export function refusalResponse(error: unknown, request?: RequestHead, user?: SessionUser | null): Response {
  return refusalAnswer(error, request, user).toResponse();
}

function refusalAnswer(error: unknown, request?: RequestHead, user?: SessionUser | null): JsonAnswer {
  if (error instanceof AccessDenied && error.customMessage) return new JsonAnswer(error.status, { error: error.customMessage, code: error.code });
  if (error instanceof CodedError) return new JsonAnswer(error.status, errorBody(error, request ? requestLocale(request, user?.locale) : "en"));
  // A refusal not yet given a code of its own: its (English) message and the generic code.
  if (error instanceof Refusal) return new JsonAnswer(error.status, { error: error.message, code: "refused" });
  if (error instanceof z.ZodError) return invalidRequestAnswer(error, request ? requestLocale(request, user?.locale) : "en");
  throw error;
}

/** What a JSON route's work may answer: a Response, a JsonAnswer, or a body for a 200. */
export type RouteResult = Response | JsonAnswer | object;

function asResponse(result: RouteResult): Response {
  return result instanceof Response ? result : result instanceof JsonAnswer ? result.toResponse() : Response.json(result);
}

/**
 * The shape every state-changing JSON route shares: a body within the size limit (413, as the
 * proxy answers it: routes the proxy skips rely on this), the cross-site guard, a signed-in user, a
 * body validated by `schema` (400 with the first problem; 422 for text that is not valid
 * Unicode), and refusals turned into status codes — CodedErrors (AccessDenied among them) and
 * Refusals into their own.
 */
export async function jsonRoute<T>(request: Request, schema: z.ZodType<T>, run: (user: SessionUser, body: T) => Promise<RouteResult>): Promise<Response> {
  const answer = await jsonRouteAnswer(request, () => readJsonBody(request), schema, run, requireUser);
  return answer instanceof JsonAnswer ? answer.toResponse() : answer;
}

/**
 * jsonRoute's checks and answers, for any request: `request` gives the headers the guards read,
 * `readBody` the body and `authenticate` the signed-in user (or throws AccessDenied(401)) — for
 * code that answers outside Next's request scope (the save's fast path reads a raw Node request,
 * lib/http/save-fast-path.ts). Answers a JsonAnswer, or the Response `run` gave.
 *
 * `authenticate` may instead give a PendingSession (lib/auth/pending-session.ts): the session
 * check left to `run`, which makes it in its own statement (the save on PostgreSQL). The answers
 * stay the same: whatever is answered without `run` — a body refused, a schema's 400 — first
 * makes the check, so a request whose session is over is answered 401 as before, and every
 * answer is in the language of the user the check found.
 */
export async function jsonRouteAnswer<T, U extends Signed = SessionUser>(
  request: RequestHead,
  readBody: () => Promise<JsonBody>,
  schema: z.ZodType<T>,
  run: (user: U, body: T) => Promise<RouteResult>,
  authenticate: () => Promise<U>,
): Promise<Response | JsonAnswer> {
  const refused = declaredSizeAnswer(request) ?? crossSiteAnswer(request);
  if (refused) return refused;
  let who: U | null = null;
  try {
    who = await authenticate();
    const read = await readBody();
    if ("refused" in read) {
      await signedInUser(who);
      return read.refused;
    }
    const raw = read.json;
    const problem = await requestBodyProblem(raw);
    const body = problem ? null : schema.safeParse(raw);
    if (!body?.success) {
      // Answered without `run`: the session check first, as authenticate makes it for a checked user.
      const user = await signedInUser(who);
      if (problem?.code === "ill-formed-text") return errorAnswer("ill-formed-text", 422, requestLocale(request, user.locale));
      if (problem?.code === "list-too-long") return errorAnswer("list-too-long", 413, requestLocale(request, user.locale), { count: problem.count, max: MAX_LIST_ITEMS });
      return invalidRequestAnswer(body!.error, requestLocale(request, user.locale));
    }
    const result = await run(who, body.data);
    // What it wrote is on disk before it is acknowledged (SQLite's group commit, lib/sqlite-wal.ts).
    await walDurable();
    return result instanceof Response || result instanceof JsonAnswer ? result : new JsonAnswer(200, result);
  } catch (error) {
    return refusalAnswer(error, request, who === null ? null : knownUser(who));
  }
}

/** A state-changing route without a body (machine translation, leaving a document): guard, then `run`. */
export async function jsonCommand(request: Request, run: (user: SessionUser) => Promise<RouteResult>): Promise<Response> {
  const refused = crossSiteRefusal(request);
  if (refused) return refused;
  let user: SessionUser | null = null;
  try {
    user = await requireUser();
    const result = await run(user);
    await walDurable();
    return asResponse(result);
  } catch (error) {
    return refusalResponse(error, request, user);
  }
}

/**
 * GET handlers, which change nothing and have no body: `run` checks access itself. Pass the
 * request so coded refusals answer in its language (else English).
 */
export async function jsonGet(run: () => Promise<RouteResult>, request?: Request): Promise<Response> {
  try {
    return asResponse(await run());
  } catch (error) {
    return refusalResponse(error, request);
  }
}
