import { CodedError } from "@/lib/http/coded-error";
import { saveTranslation, type CurrentSegment } from "@/lib/revisions/save-translation";

/**
 * A save through the API: the editor's own `saveTranslation` (version check, status rules,
 * propagation on confirm); its outcomes as the API's statuses. A conflict is 409 with the segment
 * as it is now in `details.current`, so a client can merge and retry with its version.
 */
export async function saveThroughApi(input: { segmentId: string; target: string; baseVersion: number; confirm: boolean; actorId: string; actorRole: string }, loaded: CurrentSegment) {
  const outcome = await saveTranslation(input, loaded);
  if (outcome.kind === "invalid") throw new CodedError(outcome.code, 422, outcome.params);
  if (outcome.kind === "conflict") throw new CodedError("segment-conflict", 409, {}, { current: outcome.current });
  return { segment: outcome.segment, changed: outcome.changed };
}
