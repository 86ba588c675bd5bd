"use server";

import { z } from "zod";
import { changePassword } from "@/lib/accounts/user-service";
import { requireUser } from "@/lib/auth/access";
import { runAction } from "@/lib/auth/action-result";

const schema = z.object({ currentPassword: z.string().max(200), newPassword: z.string().max(200) });

export async function changePasswordAction(input: { currentPassword: string; newPassword: string }) {
  return runAction(async () => {
    const data = schema.parse(input);
    const user = await requireUser();
    await changePassword(user.id, data.currentPassword, data.newPassword);
    return {};
  });
}
