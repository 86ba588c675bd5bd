"use server";

import { z } from "zod";
import { changePassword } from "@/lib/accounts/user-service";
import { requireUser } from "@/lib/auth/access";
import { runAction } from "@/lib/auth/action-result";
import { requestClientAddress } from "@/lib/auth/request-address";
import { endAllSessions } from "@/lib/auth/sessions";

const schema = z.object({
  currentPassword: z.string("Enter your current password.").max(200),
  newPassword: z.string("Choose a new password.").max(200, "Use at most 200 characters."),
});

/** Changes the password; every other session of the account ends. */
export async function changePasswordAction(input: { currentPassword: string; newPassword: string }) {
  return runAction(async () => {
    const user = await requireUser();
    const data = schema.parse(input);
    return changePassword(user, data.currentPassword, data.newPassword, await requestClientAddress());
  }, input);
}

/** Ends every session of the account, this one included (a lost laptop, a shared computer). */
export async function signOutEverywhereAction() {
  return runAction(async () => {
    const user = await requireUser();
    return { endedSessions: await endAllSessions(user.id) };
  });
}
