import type { ReadUpload } from "./read-upload";

/**
 * What the import page's preview needs of a read file — counts and a sample of a bilingual file,
 * the first row of a Word review table, the text of a source file — made where the file was read
 * (the file worker), so a 40,000-unit file is not handed back whole only to be counted.
 */
export type UploadPreview =
  | {
      kind: "bilingual";
      format: Extract<ReadUpload, { kind: "bilingual" }>["format"];
      title: string | null;
      unitCount: number;
      translated: number;
      statusCounts: Record<string, number>;
      sample: { source: string; target: string; status: string }[];
    }
  | { kind: "review-table"; format: Extract<ReadUpload, { kind: "review-table" }>["format"]; firstSegmentId: string | null; rows: number }
  | Extract<ReadUpload, { kind: "source" }>;

export const SAMPLE_UNITS = 6;

export function previewOfUpload(read: ReadUpload): UploadPreview {
  switch (read.kind) {
    case "bilingual": {
      const statusCounts: Record<string, number> = {};
      let translated = 0;
      for (const u of read.units) {
        const hasTarget = u.target.trim() !== "";
        if (hasTarget) translated++;
        const status = hasTarget ? (u.status ?? "translated") : "untranslated";
        statusCounts[status] = (statusCounts[status] ?? 0) + 1;
      }
      return {
        kind: "bilingual",
        format: read.format,
        title: read.title,
        unitCount: read.units.length,
        translated,
        statusCounts,
        sample: read.units.slice(0, SAMPLE_UNITS).map((u) => ({ source: u.source, target: u.target, status: u.status ?? "" })),
      };
    }
    case "review-table":
      return { kind: "review-table", format: read.format, firstSegmentId: read.rows[0]?.segmentId ?? null, rows: read.rows.length };
    case "source":
      return read;
  }
}
