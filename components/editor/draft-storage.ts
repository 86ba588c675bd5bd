/**
 * Unacknowledged text kept in the browser (localStorage), per document, so a reload, a crash or
 * a network failure never loses a word. A draft is removed once the server has that exact text.
 */
export interface StoredDraft {
  text: string;
  /** The segment version the text was written against (for the conflict check on restore). */
  baseVersion: number;
  at: number;
}

const key = (documentId: string) => `duizhao:drafts:${documentId}`;

export function readDrafts(documentId: string): Record<string, StoredDraft> {
  try {
    return JSON.parse(window.localStorage.getItem(key(documentId)) ?? "{}") as Record<string, StoredDraft>;
  } catch {
    return {};
  }
}

export function writeDraft(documentId: string, segmentId: string, draft: StoredDraft | null): void {
  const drafts = readDrafts(documentId);
  if (draft) drafts[segmentId] = draft;
  else delete drafts[segmentId];
  try {
    if (Object.keys(drafts).length) window.localStorage.setItem(key(documentId), JSON.stringify(drafts));
    else window.localStorage.removeItem(key(documentId));
  } catch {
    // Storage full or disabled: the save still goes to the server; nothing else to do here.
  }
}
