import { Readable } from "node:stream";
import zlib from "node:zlib";
import type JSZip from "jszip";
import { ImportRefused } from "./xml";

/** How far a DOCX/XLSX may expand: DUIZHAO_MAX_UNZIPPED_MB (default 200 MB) and 5,000 entries. */
export function maxUnzippedBytes(env = process.env): number {
  const mb = Number(env.DUIZHAO_MAX_UNZIPPED_MB);
  return Math.round((Number.isFinite(mb) && mb > 0 ? mb : 200) * 1024 * 1024);
}
const MAX_ENTRIES = 5_000;

/**
 * Every ZIP-based upload format, with the parts its reader needs. A format added later must be
 * listed here: `readUpload` unpacks these through `unpackZipSafely` before any parser sees a
 * byte, and the hostile-files tests run a bomb through each entry of this table.
 */
export const ZIP_FORMATS = {
  // Word: the XML parts and their relationships; images, embedded objects and fonts are never read.
  docx: (name: string) => /^(\[Content_Types\]\.xml|_rels\/\.rels|word\/[^/]+\.xml|word\/_rels\/[^/]+\.rels)$/.test(name),
  // Excel: the workbook, its shared strings and styles, and the sheets (not their drawings or media).
  xlsx: (name: string) => /^(\[Content_Types\]\.xml|_rels\/\.rels|xl\/(workbook|sharedStrings|styles)\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/worksheets\/[^/]+\.xml)$/.test(name),
} as const satisfies Record<string, (name: string) => boolean>;
export type ZipFormat = keyof typeof ZIP_FORMATS;

export function isZipFormat(extension: string): extension is ZipFormat {
  return Object.hasOwn(ZIP_FORMATS, extension);
}

const unpacked: unique symbol = Symbol("unpacked");

/**
 * The parts of an Office file that passed the unpacked-size limit. Readers take this, never the
 * uploaded bytes, so no parser can inflate anything the limit has not counted.
 */
export interface UnpackedZip {
  readonly [unpacked]: true;
  readonly parts: ReadonlyMap<string, Buffer>;
}

/**
 * The same parts as a new, uncompressed ZIP, for libraries that want a file (mammoth, exceljs).
 * Only the counted parts are in it: a huge image or a part the headers lied about is not.
 */
export async function repack(zip: UnpackedZip): Promise<Buffer> {
  const out = new (await loadJsZip())();
  for (const [name, data] of zip.parts) out.file(name, data);
  return out.generateAsync({ type: "nodebuffer", compression: "STORE" });
}

/** jszip loads only when an Office file is read: the command line's other paths never pay for it. */
async function loadJsZip() {
  return (await import("jszip")).default;
}

const tooBig = (limit: number) => new ImportRefused("zip-too-big", { limit: Math.round(limit / 1048576) });
const damaged = () => new ImportRefused("zip-damaged");
const lying = (name: string) => new ImportRefused("zip-lying", { name });

/** What JSZip keeps of each entry from the ZIP's directory (not part of its typed API). */
interface RawEntry {
  uncompressedSize?: number;
  compressedContent?: Uint8Array;
  compression?: { magic?: string };
}
const rawOf = (entry: JSZip.JSZipObject) => (entry as unknown as { _data?: RawEntry })._data ?? {};

/**
 * Inflates one entry with Node's zlib (native, off the main thread) and counts as it goes: it
 * stops at the overall limit, and at the entry's own declared size — a part that unpacks larger
 * than declared is a forgery, refused after its first chunk rather than after the limit.
 */
function inflate(entry: JSZip.JSZipObject, budget: number, limit: number): Promise<Buffer> {
  const raw = rawOf(entry);
  const declared = Number(raw.uncompressedSize ?? Number.POSITIVE_INFINITY);
  const method = raw.compression?.magic;
  const source: NodeJS.ReadableStream =
    raw.compressedContent instanceof Uint8Array && (method === "\x08\x00" || method === "\x00\x00")
      ? method === "\x00\x00"
        ? Readable.from([Buffer.from(raw.compressedContent)])
        : Readable.from([Buffer.from(raw.compressedContent)]).pipe(zlib.createInflateRaw({ chunkSize: 256 * 1024 }))
      : (entry.nodeStream("nodebuffer") as NodeJS.ReadableStream); // another method: JSZip's own inflater
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (error: ImportRefused) => {
      chunks.length = 0;
      (source as Readable).destroy?.();
      reject(error);
    };
    source.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > budget) return stop(tooBig(limit));
      if (size > declared) return stop(lying(entry.name));
      chunks.push(chunk);
    });
    source.on("error", () => stop(damaged()));
    source.on("end", () => resolve(Buffer.concat(chunks)));
  });
}

/**
 * Opens an Office file (a ZIP) without trusting it. First the sizes the ZIP declares: a file that
 * admits expanding past the limit is refused before anything is inflated. Then each wanted part is
 * inflated as a stream and counted, and reading stops the moment the total passes the limit or a
 * part passes its declared size — the declared sizes can lie. Parts not wanted are never inflated.
 */
export async function unpackZipSafely(data: Buffer, wanted: (name: string) => boolean, limit = maxUnzippedBytes()): Promise<UnpackedZip> {
  let zip: JSZip;
  try {
    zip = await (await loadJsZip()).loadAsync(data, { checkCRC32: false });
  } catch {
    throw new ImportRefused("zip-unreadable");
  }
  const entries = Object.values(zip.files).filter((f) => !f.dir);
  if (entries.length > MAX_ENTRIES) throw new ImportRefused("zip-too-many-parts", { count: entries.length, max: MAX_ENTRIES });
  const declared = entries.reduce((sum, e) => sum + Number(rawOf(e).uncompressedSize ?? 0), 0);
  if (declared > limit) throw tooBig(limit);
  let total = 0;
  const parts = new Map<string, Buffer>();
  for (const entry of entries.filter((e) => wanted(e.name))) {
    const part = await inflate(entry, limit - total, limit);
    total += part.length;
    parts.set(entry.name, part);
  }
  return { [unpacked]: true, parts };
}
