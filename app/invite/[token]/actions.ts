"use server";

import { z } from "zod";
import { runAction } from "@/lib/auth/action-result";
import { getSessionUser } from "@/lib/auth/session";
import { acceptInvitation } from "@/lib/projects/membership-service";

const schema = z.object({ token: z.string().min(10).max(200), name: z.string().max(100).optional(), password: z.string().max(200).optional() });

/** Public: the invitation token is the credential. */
export async function acceptInvitationAction(input: { token: string; name?: string; password?: string }) {
  return runAction(async () => {
    const data = schema.parse(input);
    const user = await getSessionUser();
    const accepted = await acceptInvitation(data.token, { name: data.name, password: data.password, signedInUserId: user?.id ?? null });
    return { projectId: accepted.projectId, email: accepted.email, newAccount: !user };
  }, input);
}
