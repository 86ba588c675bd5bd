/**
 * Who may do what. One table, used by every server action, route handler and page (through
 * lib/auth/access.ts) and by the UI to hide what a role cannot do. The server is the gate.
 */
export const PROJECT_ROLES = ["owner", "reviewer", "translator", "viewer"] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

export function isProjectRole(value: string): value is ProjectRole {
  return (PROJECT_ROLES as readonly string[]).includes(value);
}

export const ACTIONS = [
  "project.create",
  "project.view",
  "project.update",
  "project.delete",
  "project.members.manage",
  "project.analyse",
  "document.view",
  "document.import",
  "document.export",
  "document.delete",
  "document.assign",
  "document.signOff",
  "document.snapshot",
  "document.pretranslate",
  "glossary.edit",
  "dictionary.edit",
  "memory.manage",
  "qa.ignore",
  "segment.comment",
  "segment.edit",
  "segment.confirm",
  "segment.review",
  "segment.editSource",
  "segment.joinSplit",
] as const;
export type Action = (typeof ACTIONS)[number];

export interface Actor {
  id: string;
  isAdmin: boolean;
}

/** What the check needs to know about the thing acted on, as loaded on the server. */
export interface ResourceContext {
  /** The actor's role in the resource's project; null when not a member. */
  role: ProjectRole | null;
  /** For segment.edit: the segment's status (translators may not edit approved segments). */
  segmentStatus?: string;
  /** For project.create: whether the actor owns at least one project. */
  ownsAProject?: boolean;
}

const ALL: readonly ProjectRole[] = PROJECT_ROLES;
const ROLES_BY_ACTION: Record<Exclude<Action, "project.create">, readonly ProjectRole[]> = {
  "project.view": ALL,
  "project.update": ["owner"],
  "project.delete": ["owner"],
  "project.members.manage": ["owner"],
  // Match-band analysis (counts for quoting and planning): owners, who quote and plan.
  "project.analyse": ["owner"],
  "document.view": ALL,
  "document.import": ["owner"],
  "document.export": ["owner"],
  "document.delete": ["owner"],
  "document.assign": ["owner"],
  "document.signOff": ["owner", "reviewer"],
  "document.snapshot": ["owner", "reviewer", "translator"],
  "document.pretranslate": ["owner", "translator"],
  "glossary.edit": ["owner", "reviewer"],
  // The project's spelling dictionary: words added are accepted in every document of the project.
  "dictionary.edit": ["owner", "reviewer"],
  "memory.manage": ["owner"],
  "qa.ignore": ["owner", "reviewer"],
  "segment.comment": ALL,
  "segment.edit": ["owner", "reviewer", "translator"],
  "segment.confirm": ["owner", "reviewer", "translator"],
  "segment.review": ["owner", "reviewer"],
  "segment.editSource": ["owner"],
  "segment.joinSplit": ["owner", "translator"],
};

/** Statuses a translator may no longer change: the reviewer's word stands. */
const LOCKED_FOR_TRANSLATORS = new Set(["approved"]);

/**
 * Site admins act as owners of every project. Signed-out callers may do nothing. Project
 * creation is for site admins and for people who already own a project.
 */
export function can(actor: Actor | null, action: Action, resource: ResourceContext): boolean {
  if (!actor) return false;
  if (action === "project.create") return actor.isAdmin || resource.ownsAProject === true;
  const role: ProjectRole | null = actor.isAdmin ? "owner" : resource.role;
  if (!role || !ROLES_BY_ACTION[action].includes(role)) return false;
  if ((action === "segment.edit" || action === "segment.confirm" || action === "segment.joinSplit") && role === "translator") {
    return !LOCKED_FOR_TRANSLATORS.has(resource.segmentStatus ?? "");
  }
  return true;
}
