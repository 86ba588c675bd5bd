"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/access";
import { runAction } from "@/lib/auth/action-result";
import { setPasswordsOff } from "@/lib/site-settings/settings";

/** Site admins: passwords off (single sign-on only) or on again. lib/site-settings checks the admin flag. */
export async function setPasswordsOffAction(input: { passwordsOff: boolean }) {
  return runAction(async () => {
    const user = await requireUser();
    const { passwordsOff } = z.object({ passwordsOff: z.boolean() }).parse(input);
    await setPasswordsOff(user, passwordsOff);
    revalidatePath("/admin/sign-in");
    return { passwordsOff };
  }, input);
}
