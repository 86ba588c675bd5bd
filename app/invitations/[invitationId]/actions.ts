"use server";

import { z } from "zod";
import { requireUser } from "@/lib/auth/access";
import { runAction } from "@/lib/auth/action-result";
import { acceptInvitationForAccount } from "@/lib/projects/membership-service";

const schema = z.object({ invitationId: z.string().min(1).max(64) });

/** Joins a project by an invitation addressed to the signed-in account (the bell's "invited"). */
export async function acceptInvitationForAccountAction(input: { invitationId: string }) {
  return runAction(async () => {
    const user = await requireUser();
    const { invitationId } = schema.parse(input);
    return acceptInvitationForAccount(invitationId, user.id);
  }, input);
}
