import { authorizeSegment } from "@/lib/auth/access";
import { signedInUser, type Signed } from "@/lib/auth/pending-session";
import { sqliteConnection } from "@/lib/db";
import { pgSave } from "./pg-save";
import { saveTranslation, type SaveOutcome } from "./save-translation";
import { sqliteSave, type SegmentSave } from "./sqlite-save";

/**
 * One save from the editor (POST /api/segments/:id/save): the permission check and the save.
 * Most saves take a direct path — on SQLite one synchronous transaction on kept statements
 * (lib/revisions/sqlite-save.ts), on PostgreSQL one statement (lib/revisions/pg-save.ts), or two
 * for a confirm (lib/revisions/pg-confirm-save.ts); what they leave (a confirm that propagates to
 * repetitions or makes its document ready for review, a lost race) goes through saveTranslation,
 * with the segment and role the direct path already checked when it got that far.
 * `who` may be a session not yet checked (the fast path on PostgreSQL): the check is made first.
 */
export async function saveSegment(who: Signed, save: SegmentSave): Promise<SaveOutcome> {
  const sqlite = await sqliteConnection();
  // PostgreSQL: the same save as one statement (lib/revisions/pg-save.ts), which also makes a
  // pending session check (lib/auth/pending-session.ts); anything after it has the checked user.
  const direct = sqlite ? await sqliteSave(sqlite, await signedInUser(who), save) : await pgSave(who, save);
  if (direct?.kind === "done") return direct.outcome;
  const user = await signedInUser(who);
  const { segment, role } = direct?.authorized ?? (await authorizeSegment(user, save.segmentId, save.confirm ? "segment.confirm" : "segment.edit"));
  return saveTranslation({ ...save, actorId: user.id, actorRole: role }, segment);
}
