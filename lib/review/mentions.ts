import type { prisma } from "@/lib/db";

type Client = Pick<typeof prisma, "membership" | "mention">;

/**
 * Which project members a comment names with "@Name" (the editor's autocomplete inserts the
 * member's display name, which may contain spaces). Longer names are matched first so that
 * "@Ann Lee" is not also read as "@Ann".
 */
export function mentionedNames(body: string, names: string[]): string[] {
  const found: string[] = [];
  let rest = body;
  for (const name of [...names].sort((a, b) => b.length - a.length)) {
    const at = `@${name}`;
    let i = rest.indexOf(at);
    let hit = false;
    while (i >= 0) {
      const next = rest[i + at.length];
      if (next === undefined || !/[\p{L}\p{N}_]/u.test(next)) {
        hit = true;
        rest = rest.slice(0, i) + " ".repeat(at.length) + rest.slice(i + at.length);
      }
      i = rest.indexOf(at, i + 1);
    }
    if (hit) found.push(name);
  }
  return found;
}

/** Records (or, after an edit, brings up to date) who a comment mentions; answers the people newly mentioned. */
export async function recordMentions(client: Client, projectId: string, commentId: string, body: string): Promise<string[]> {
  const members = await client.membership.findMany({ where: { projectId }, select: { userId: true, user: { select: { name: true } } } });
  const names = mentionedNames(body, members.map((m) => m.user.name));
  const userIds = members.filter((m) => names.includes(m.user.name)).map((m) => m.userId);
  const existing = new Set((await client.mention.findMany({ where: { commentId }, select: { userId: true } })).map((m) => m.userId));
  await client.mention.deleteMany({ where: { commentId, userId: { notIn: userIds } } });
  const added = userIds.filter((userId) => !existing.has(userId));
  for (const userId of added) await client.mention.create({ data: { commentId, userId } });
  return added;
}
