"use server";

import { revalidatePath } from "next/cache";
import { authorizeProject, requireUser } from "@/lib/auth/access";
import { runAction } from "@/lib/auth/action-result";
import { prisma } from "@/lib/db";

/** Whether approvals in this project also go to (and lookups also search) the shared memory. */
export async function setSharedMemoryAction(input: { projectId: string; shared: boolean }) {
  return runAction(async () => {
    const user = await requireUser();
    const { project } = await authorizeProject(user, String(input?.projectId ?? ""), "memory.manage");
    await prisma.project.update({ where: { id: project.id }, data: { sharedMemory: input.shared === true } });
    revalidatePath(`/projects/${project.id}/memory`);
    return {};
  }, input);
}
