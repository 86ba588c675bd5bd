import type { SaveIndicator } from "@/lib/editor/save-indicator";
import type { SegmentData } from "@/lib/documents/document-queries";

export type EditorSegment = SegmentData;

/** What the save indicator shows (lib/editor/save-indicator.ts). */
export type SaveState = SaveIndicator;

/** The server's text when someone else saved first, and the text the user was writing. */
export interface Conflict {
  mine: string;
  /** The user chose to merge by hand: their text stays on screen for reference until saved. */
  merging?: boolean;
  /** Reported by the event stream before any save (issue 17): "<name> just saved this segment". */
  live?: boolean;
  theirs: { target: string; status: string; version: number; authorName: string | null; updatedAt: string };
}

export const UNCONFIRMED_STATUSES = new Set(["untranslated", "draft", "changes_requested"]);
