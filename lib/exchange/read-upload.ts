import { decodeText } from "@/lib/documents/decode-text";
import { ImportError } from "@/lib/documents/import-error";
import { isSegmentKind, type SegmentKind } from "@/lib/documents/block-kinds";
import type { SegmentStatus } from "@/lib/review/segment-status";
import type { ReviewTableRow } from "./docx-readers";
import type { TrackedDocx } from "./tracked/docx-tracked-reader";
import { readCsv, readXlsx } from "./tabular";
import { readTmx } from "./tmx";
import { readXliff } from "./xliff";
import { decodeXml } from "./xml";
import { isZipFormat, unpackZipSafely, ZIP_FORMATS } from "./zip";

/** A unit of a bilingual file, whatever the format. */
export interface BilingualUnit {
  id: string | null;
  kind: SegmentKind | null;
  source: string;
  target: string;
  status: SegmentStatus | null;
  /** Segment version at export (Duizhao's own files), for conflict detection. */
  version: number | null;
}

export type ReadUpload =
  /** Source text only: goes through the usual analysis (kinds, page-break joins). */
  | { kind: "source"; format: "text" | "markdown" | "docx"; text: string; encoding: string }
  | { kind: "bilingual"; format: "xliff-1.2" | "xliff-2.0" | "tmx" | "csv" | "xlsx"; title: string | null; units: BilingualUnit[] }
  /**
   * A Word file exported by Duizhao coming back: its rows (Word's accept-all text) and, read
   * apart, its tracked changes and comments. English-only files name segments by bookmark, so
   * their `segmentId` is the id with letters and digits only.
   */
  | { kind: "review-table"; format: "docx-review" | "docx-english"; rows: ReviewTableRow[]; tracked: TrackedDocx | null };

export const UPLOAD_EXTENSIONS = /\.(txt|text|md|markdown|docx|xlf|xliff|sdlxliff|mqxliff|tmx|csv|xlsx)$/i;

const kindOf = (kind: string | null | undefined): SegmentKind | null => (kind && isSegmentKind(kind) ? kind : null);

/**
 * Reads an uploaded file by its extension (the contents are checked, never trusted). Word files
 * are review tables when they hold Duizhao's table, source documents otherwise.
 */
export async function readUpload(fileName: string, data: Buffer, options: { unknownAsText?: boolean } = {}): Promise<ReadUpload> {
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? "";
  // ZIP-based formats pass the unpacked-size limit before any parser sees them.
  const zip = isZipFormat(extension) ? await unpackZipSafely(data, ZIP_FORMATS[extension]) : null;
  switch (extension) {
    case "docx": {
      // Word's readers (mammoth, docx) load only for Word files: the command line's `qa` on a CSV
      // or XLIFF file never pays for them.
      const { readSourceDocx } = await import("./docx-readers");
      const { readTrackedDocx } = await import("./tracked/docx-tracked-reader");
      const { acceptAll } = await import("./tracked/tracked-text");
      // One reading gives the rows (Word's accept-all text) and the tracked changes and comments.
      const tracked = readTrackedDocx(zip!);
      if (tracked) {
        const rows = tracked.units.map((u) => ({ number: u.number, segmentId: u.segmentRef, version: u.version, source: u.source, target: acceptAll(u.atoms) }));
        return { kind: "review-table", format: tracked.layout === "review" ? "docx-review" : "docx-english", rows, tracked };
      }
      const { text } = await readSourceDocx(zip!);
      return { kind: "source", format: "docx", text, encoding: "docx" };
    }
    case "xlf":
    case "xliff":
    case "sdlxliff":
    case "mqxliff": {
      const parsed = readXliff(decodeXml(data));
      return {
        kind: "bilingual",
        format: parsed.version === "2.0" ? "xliff-2.0" : "xliff-1.2",
        title: parsed.title,
        units: parsed.units.map((u) => ({ id: u.id, kind: kindOf(u.kind), source: u.source, target: u.target, status: u.status, version: u.version ?? null })),
      };
    }
    case "tmx": {
      const parsed = readTmx(decodeXml(data));
      return {
        kind: "bilingual",
        format: "tmx",
        title: null,
        units: parsed.units.map((u) => ({ id: u.id, kind: kindOf(u.kind), source: u.source, target: u.target, status: u.target.trim() ? "approved" : null, version: null })),
      };
    }
    case "csv":
    case "xlsx": {
      const rows = extension === "csv" ? readCsv(decodeText(data).text) : readXlsx(zip!);
      return { kind: "bilingual", format: extension, title: null, units: rows.map((r) => ({ id: r.id, kind: kindOf(r.kind), source: r.source, target: r.target, status: r.status, version: r.version })) };
    }
    case "txt":
    case "text":
    case "md":
    case "markdown": {
      const { text, encoding } = decodeText(data);
      return { kind: "source", format: extension.startsWith("m") ? "markdown" : "text", text, encoding };
    }
    default:
      // The command line reads any other file as text (its contents are still checked: binary
      // data and unknown encodings are refused by name).
      if (options.unknownAsText) return { kind: "source", format: "text", ...decodeText(data) };
      throw new ImportError("unsupported-file-type", "unsupported-type", { file: fileName });
  }
}
