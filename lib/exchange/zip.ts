import JSZip from "jszip";
import { ImportRefused } from "./xml";

/** How far a DOCX/XLSX may expand: DUIZHAO_MAX_UNZIPPED_MB (default 200 MB) and 5,000 entries. */
export function maxUnzippedBytes(env = process.env): number {
  const mb = Number(env.DUIZHAO_MAX_UNZIPPED_MB);
  return Math.round((Number.isFinite(mb) && mb > 0 ? mb : 200) * 1024 * 1024);
}
const MAX_ENTRIES = 5_000;

/**
 * Opens an Office file (a ZIP) without trusting it: the central directory's sizes can lie, so
 * every entry is actually inflated as a stream and counted, and reading stops the moment the
 * total passes the limit (a "zip bomb"). Returns the entries asked for.
 */
export async function openZipSafely(data: Buffer, wanted: (name: string) => boolean, limit = maxUnzippedBytes()): Promise<Map<string, Buffer>> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data, { checkCRC32: false });
  } catch {
    throw new ImportRefused("The file is damaged or not an Office document: its ZIP structure cannot be read (was it truncated?).");
  }
  const entries = Object.values(zip.files).filter((f) => !f.dir);
  if (entries.length > MAX_ENTRIES) throw new ImportRefused(`The file holds ${entries.length.toLocaleString("en")} parts; at most ${MAX_ENTRIES.toLocaleString("en")} are accepted.`);
  let total = 0;
  const out = new Map<string, Buffer>();
  for (const entry of entries) {
    const keep = wanted(entry.name);
    const chunks: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      const stream = entry.nodeStream("nodebuffer") as NodeJS.ReadableStream & { destroy?: () => void };
      stream.on("data", (chunk: Buffer) => {
        total += chunk.length;
        if (total > limit) {
          stream.pause();
          stream.destroy?.();
          reject(new ImportRefused(`The file expands to more than ${Math.round(limit / 1048576)} MB when unpacked; it is refused (DUIZHAO_MAX_UNZIPPED_MB).`));
          return;
        }
        if (keep) chunks.push(chunk);
      });
      stream.on("error", () => reject(new ImportRefused("The file is damaged: a part of it cannot be unpacked (was it truncated?).")));
      stream.on("end", () => resolve());
    });
    if (keep) out.set(entry.name, Buffer.concat(chunks));
  }
  return out;
}
