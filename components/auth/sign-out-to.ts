"use client";

import { signOut } from "next-auth/react";

/**
 * Signs out, then opens `path` on the address the page was loaded from. next-auth's own redirect
 * goes to the URL its server computed from NEXTAUTH_URL (localhost:3000 when unset), which is
 * another site when the app runs on another port or host; a relative path cannot be.
 */
export async function signOutTo(path: string): Promise<void> {
  await signOut({ redirect: false });
  window.location.assign(path);
}
