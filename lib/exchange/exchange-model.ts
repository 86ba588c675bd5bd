import type { Locale } from "@/lib/i18n/locales";
import type { SegmentStatus } from "@/lib/review/segment-status";

/** A segment as it leaves or enters Duizhao in any file format. */
export interface ExchangeSegment {
  id: string;
  kind: string;
  source: string;
  target: string;
  status: SegmentStatus;
  /** The segment version the text was exported at (to detect edits made in the app meanwhile). */
  version?: number;
  comments: ExchangeComment[];
}

export interface ExchangeComment {
  author: string;
  body: string;
  at: string;
}

export interface ExchangeDocument {
  documentId: string;
  title: string;
  projectName: string;
  sourceLang: string;
  targetLang: string;
  exportedAt: string;
  /** The document version the export froze. */
  versionLabel: string;
  /** Progress over all live segments (not only the exported ones). */
  progress: { total: number; approved: number; translated: number };
  segments: ExchangeSegment[];
  /** The language of the file's headings and labels: the exporting person's (English when not given, as for the CLI). */
  locale?: Locale;
}
