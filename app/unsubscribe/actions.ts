"use server";

import { z } from "zod";
import { runAction } from "@/lib/auth/action-result";
import { CodedError } from "@/lib/http/coded-error";
import { stopMailsOf } from "@/lib/notifications/preferences";
import { verifyUnsubscribe } from "@/lib/notifications/unsubscribe";

const schema = z.object({ u: z.string().max(64), k: z.string().max(32), s: z.string().max(100) });

/** Public: the link's signature is the credential (lib/notifications/unsubscribe.ts). */
export async function unsubscribeAction(input: { u: string; k: string; s: string }) {
  return runAction(async () => {
    const request = verifyUnsubscribe(schema.parse(input));
    if (!request) throw new CodedError("unsubscribe-link-invalid", 400);
    return { kind: request.kind, delivery: await stopMailsOf(request.userId, request.kind) };
  }, input);
}
