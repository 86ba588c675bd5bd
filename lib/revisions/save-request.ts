import { z } from "zod";
import type { Signed } from "@/lib/auth/pending-session";
import { CodedError } from "@/lib/http/coded-error";
import { JsonAnswer } from "@/lib/http/json-answer";
import { saveSegment } from "./save-segment";
import { MAX_TARGET_LENGTH } from "./target-text";

/** The body of POST /api/segments/:id/save. */
export const saveBodySchema = z.object({
  target: z.string().max(MAX_TARGET_LENGTH * 2),
  baseVersion: z.number().int().positive(),
  confirm: z.boolean().default(false),
});

/**
 * The save's answer, the same from the route (app/api/segments/[segmentId]/save/route.ts, under
 * `npm run dev`) and from the production server's fast path (lib/http/save-fast-path.ts):
 * 200 { segment, changed, propagation? } saved (a confirm reports its repetitions: propagated
 * rows and skipped ones with a code) · 409 { conflict } someone saved first · 422 { error } invalid text.
 */
export async function answerSave(user: Signed, segmentId: string, body: z.infer<typeof saveBodySchema>): Promise<JsonAnswer | object> {
  const outcome = await saveSegment(user, { segmentId, ...body });
  if (outcome.kind === "invalid") throw new CodedError(outcome.code, 422, outcome.params);
  if (outcome.kind === "conflict") return new JsonAnswer(409, { conflict: outcome.current });
  return { segment: outcome.segment, changed: outcome.changed, ...(outcome.propagation ? { propagation: outcome.propagation } : {}) };
}
