/**
 * Builds ZIP files the way an attacker would, quickly: entries of real content, or of N MiB of
 * zeros deflated (a few hundred bytes per MiB, so a 1 GiB entry costs a millisecond to make), and
 * optionally a declared size that lies about how large an entry unpacks.
 */
import zlib from "node:zlib";

export type ZipEntry = { name: string; content: Buffer | string } | { name: string; zerosMiB: number; declaredSize?: number };

const MiB = 1024 * 1024;
// One MiB of zeros, deflated and ended with a sync flush: byte-aligned and not final, so copies
// can be concatenated into one valid stream; an empty final block ends it.
const zeroMiB = zlib.deflateRawSync(Buffer.alloc(MiB), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
const finalBlock = Buffer.from([0x03, 0x00]);
const zeroMiBCrcs: number[] = [0];

function crcOfZeros(mib: number): number {
  for (let i = zeroMiBCrcs.length; i <= mib; i++) zeroMiBCrcs[i] = zlib.crc32(Buffer.alloc(MiB), zeroMiBCrcs[i - 1]);
  return zeroMiBCrcs[mib]!;
}

export function buildZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    let data: Buffer;
    let size: number;
    let crc: number;
    if ("content" in entry) {
      const raw = Buffer.from(entry.content);
      data = zlib.deflateRawSync(raw);
      size = raw.length;
      crc = zlib.crc32(raw);
    } else {
      data = Buffer.concat([...Array.from({ length: entry.zerosMiB }, () => zeroMiB), finalBlock]);
      size = entry.declaredSize ?? entry.zerosMiB * MiB;
      crc = crcOfZeros(entry.zerosMiB);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
const SHEET = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>source</t></is></c><c r="B1" t="inlineStr"><is><t>target</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>第一段。</t></is></c><c r="B2" t="inlineStr"><is><t>First.</t></is></c></row></sheetData></worksheet>`;

/** A small valid workbook (source, target) plus whatever extra entries are given. */
export function xlsxWith(extra: ZipEntry[], sheet: ZipEntry = { name: "xl/worksheets/sheet1.xml", content: SHEET }): Buffer {
  return buildZip([
    { name: "[Content_Types].xml", content: CONTENT_TYPES },
    { name: "xl/workbook.xml", content: WORKBOOK },
    { name: "xl/_rels/workbook.xml.rels", content: WORKBOOK_RELS },
    sheet,
    ...extra,
  ]);
}
