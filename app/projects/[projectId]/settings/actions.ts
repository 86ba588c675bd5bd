"use server";

import { z } from "zod";
import { AccessDenied, authorizeProject, requireUser } from "@/lib/auth/access";
import { runAction } from "@/lib/auth/action-result";
import { AccountError } from "@/lib/accounts/user-service";
import { prisma } from "@/lib/db";
import { isErrorCode } from "@/lib/http/coded-error";
import { getActionTranslations } from "@/lib/i18n/translator";

export async function updateProjectAction(input: { projectId: string; name: string; description: string; reviewStages: number; qualityThreshold: number; fourEyes?: boolean }) {
  return runAction(async () => {
    const user = await requireUser();
    await authorizeProject(user, String(input?.projectId ?? ""), "project.update");
    // Each rule's message is an error code, answered in the person's language.
    const parsed = z
      .object({
        projectId: z.string(),
        name: z.string().trim().min(1, "project-name-required").max(120, "project-name-invalid"),
        description: z.string().max(500),
        reviewStages: z.union([z.literal(1), z.literal(2)]),
        qualityThreshold: z.number().min(0, "quality-threshold-negative").max(1000),
        fourEyes: z.boolean().optional(),
      })
      .safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]?.message;
      throw new AccountError(isErrorCode(issue) ? issue : "invalid-request");
    }
    const data = parsed.data;
    const clash = await prisma.project.findFirst({ where: { name: data.name, NOT: { id: data.projectId } } });
    if (clash) throw new AccountError("project-name-taken", { name: data.name }, 409);
    await prisma.project.update({ where: { id: data.projectId }, data: { name: data.name, description: data.description.trim(), reviewStages: data.reviewStages, qualityThreshold: data.qualityThreshold, ...(data.fourEyes === undefined ? {} : { fourEyes: data.fourEyes }) } });
    await prisma.activityEvent.create({ data: { projectId: data.projectId, actorId: user.id, type: "project.updated", data: JSON.stringify({ name: data.name, reviewStages: data.reviewStages, qualityThreshold: data.qualityThreshold, fourEyes: data.fourEyes }) } });
    return {};
  }, input);
}

/** Deletes a project with all its documents, history and comments. The owner types its name to confirm. */
export async function deleteProjectAction(input: { projectId: string; confirmName: string }) {
  return runAction(async () => {
    const user = await requireUser();
    const { project } = await authorizeProject(user, String(input?.projectId ?? ""), "project.delete");
    const t = await getActionTranslations("projects.settings");
    if (input.confirmName !== project.name) throw new AccessDenied(403, t("deleteMismatch"));
    await prisma.project.delete({ where: { id: project.id } });
    return {};
  }, input);
}
