import { redirect } from "next/navigation";
import { prisma } from "@/lib/db";
import { IMPORTING } from "@/lib/documents/importing";
import { CodedError, errorBody } from "@/lib/http/coded-error";
import { requestLocale } from "@/lib/i18n/locales";
import { can, isProjectRole, type Action, type ProjectRole } from "./permissions";
import { getSessionUser, type SessionUser } from "./session";

const ACCESS_CODES = { 401: "sign-in-required", 403: "forbidden", 404: "not-found" } as const;

/**
 * A refused request. 404 when the caller may not even know the thing exists (not a member),
 * 403 when they can see it but not do this, 401 when not signed in. A coded refusal
 * (`sign-in-required`, `forbidden`, `not-found`) answered in the request's language. A message
 * given here replaces the catalog's (older callers; prefer a CodedError with its own code).
 */
export class AccessDenied extends CodedError {
  readonly customMessage: string | null;
  constructor(
    override readonly status: 401 | 403 | 404,
    message?: string,
  ) {
    super(ACCESS_CODES[status], status);
    this.name = "AccessDenied";
    this.customMessage = message ?? null;
    if (message) this.message = message;
  }
}

export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AccessDenied(401);
  return user;
}

/** For pages: the signed-in user, or a redirect to the sign-in page. */
export async function requirePageUser(callbackUrl: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  return user;
}

export async function roleInProject(userId: string, projectId: string): Promise<ProjectRole | null> {
  const membership = await prisma.membership.findUnique({ where: { projectId_userId: { projectId, userId } }, select: { role: true } });
  return membership && isProjectRole(membership.role) ? membership.role : null;
}

/** The role the checks use: site admins count as owners everywhere. */
export async function effectiveRole(user: SessionUser, projectId: string): Promise<ProjectRole | null> {
  return user.isAdmin ? "owner" : roleInProject(user.id, projectId);
}

function gate(user: SessionUser, action: Action, role: ProjectRole | null, segmentStatus?: string) {
  if (!role && !user.isAdmin) throw new AccessDenied(404);
  if (!can(user, action, { role, segmentStatus })) throw new AccessDenied(403);
}

/** Loads the project and checks the action; the project id may come from the client. */
export async function authorizeProject(user: SessionUser, projectId: string, action: Action) {
  const project = await prisma.project.findUnique({ where: { id: projectId } });
  if (!project) throw new AccessDenied(404);
  const role = await effectiveRole(user, project.id);
  gate(user, action, role);
  return { project, role: role! };
}

/** Loads the document and checks the action against the project it really belongs to. */
export async function authorizeDocument(user: SessionUser, documentId: string, action: Action) {
  const document = await prisma.document.findUnique({ where: { id: documentId }, include: { project: true } });
  // A document still being imported (in slices) does not exist yet for anyone.
  if (!document || document.status === IMPORTING) throw new AccessDenied(404);
  const role = await effectiveRole(user, document.projectId);
  gate(user, action, role);
  return { document, role: role! };
}

/**
 * Loads the segment and checks the action against its document's project (never a client-sent
 * one). One query brings the segment and the caller's membership: this runs on every save.
 */
export async function authorizeSegment(user: SessionUser, segmentId: string, action: Action) {
  const segment = await prisma.segment.findUnique({
    where: { id: segmentId },
    include: { document: { select: { projectId: true, status: true, project: { select: { memberships: { where: { userId: user.id }, select: { role: true } } } } } } },
  });
  if (!segment || segment.document.status === IMPORTING) throw new AccessDenied(404);
  const memberRole = segment.document.project.memberships[0]?.role;
  const role: ProjectRole | null = user.isAdmin ? "owner" : memberRole && isProjectRole(memberRole) ? memberRole : null;
  gate(user, action, role, segment.status);
  return { segment, role: role! };
}

export async function ownsAProject(userId: string): Promise<boolean> {
  return (await prisma.membership.count({ where: { userId, role: "owner" } })) > 0;
}

/** For route handlers: `{ error, code }` with the right status, in the request's language (English without a request). */
export function deniedResponse(error: AccessDenied, request?: Request): Response {
  const body = errorBody(error, request ? requestLocale(request) : "en");
  return Response.json(error.customMessage ? { ...body, error: error.customMessage } : body, { status: error.status });
}
