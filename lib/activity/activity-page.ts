import { prisma } from "@/lib/db";
import { isActivityGroup, listActivity } from "./activity-log";

/** Reads an activity page's query string (unknown values are ignored) and loads that page. */
export async function loadActivityPage(scope: { projectId: string; documentId?: string }, query: { group?: string; actor?: string; page?: string }) {
  const group = query.group && isActivityGroup(query.group) ? query.group : undefined;
  const people = (await prisma.membership.findMany({ where: { projectId: scope.projectId }, select: { user: { select: { id: true, name: true } } }, orderBy: { user: { name: "asc" } } })).map((m) => m.user);
  const actorId = people.some((p) => p.id === query.actor) ? query.actor : undefined;
  const page = Math.max(1, Number.parseInt(query.page ?? "1", 10) || 1);
  const result = await listActivity({ ...scope, group, actorId, page });
  return { ...result, group: group ?? "", actorId: actorId ?? "", people };
}
