import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeText } from "@/lib/documents/decode-text";
import { ImportError } from "@/lib/documents/import-error";

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(__dirname, "../fixtures", name)));
const seedText = fs.readFileSync(path.join(__dirname, "../../prisma/seed-data/kunshan-hi-tech-zone.zh.txt"), "utf8");
const normalise = (s: string) => s.replace(/\r\n?/g, "\n");

function expectImportError(bytes: Uint8Array, code: ImportError["kind"], message: RegExp) {
  try {
    decodeText(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).kind).toBe(code);
    expect((error as ImportError).message).toMatch(message);
    return;
  }
  throw new Error("expected decodeText to refuse the input");
}

describe("decodeText", () => {
  it("reads UTF-8 without a BOM", () => {
    const result = decodeText(new TextEncoder().encode(seedText));
    expect(result).toEqual({ text: seedText, encoding: "utf-8" });
  });

  it.each([
    ["seed.utf8-bom-crlf.txt", "utf-8-bom"],
    ["seed.utf16le-bom.txt", "utf-16le"],
    ["seed.utf16be-bom.txt", "utf-16be"],
    ["seed.gb18030.txt", "gb18030"],
  ])("reads %s as %s, giving the same text", (file, encoding) => {
    const result = decodeText(fixture(file));
    expect(result.encoding).toBe(encoding);
    expect(normalise(result.text)).toBe(seedText);
    expect(result.text.startsWith("\uFEFF")).toBe(false);
  });

  it("reads UTF-16 LE without a BOM", () => {
    const bytes = fixture("seed.utf16le-bom.txt").subarray(2);
    const result = decodeText(bytes);
    expect(result.encoding).toBe("utf-16le");
    expect(normalise(result.text)).toBe(seedText);
  });

  it("reads short UTF-16 without a BOM whose only zero byte sits on the 'wrong' side (一 is U+4E00)", () => {
    for (const text of ["一", "一二三\n", "统一", "第一段。\n"]) {
      const le = Buffer.from(text, "utf16le");
      expect(decodeText(new Uint8Array(le))).toEqual({ text, encoding: "utf-16le" });
      expect(decodeText(new Uint8Array(Buffer.from(le).swap16()))).toEqual({ text, encoding: "utf-16be" });
    }
  });

  it("reads GBK text (a GB18030 subset) with ASCII digits and punctuation", () => {
    // 昆山高新区 1-5月 in GBK, written out byte by byte
    const bytes = new Uint8Array([0xc0, 0xa5, 0xc9, 0xbd, 0xb8, 0xdf, 0xd0, 0xc2, 0xc7, 0xf8, 0x20, 0x31, 0x2d, 0x35, 0xd4, 0xc2, 0x0a]);
    expect(decodeText(bytes)).toEqual({ text: "昆山高新区 1-5月\n", encoding: "gb18030" });
  });

  it("refuses an empty file", () => {
    expectImportError(new Uint8Array(), "empty", /empty/);
  });

  it("refuses random binary data with a clear message", () => {
    expectImportError(fixture("random.bin"), "binary", /binary data|not recognised/);
  });

  it("names the format of a Word, PDF or image file uploaded by mistake", () => {
    expectImportError(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "binary", /ZIP archive.*docx/);
    expectImportError(new TextEncoder().encode("%PDF-1.7\n..."), "binary", /PDF/);
    expectImportError(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), "binary", /PNG/);
  });

  it("refuses text with NUL bytes inside UTF-8", () => {
    expectImportError(new TextEncoder().encode("正文\u0000\u0001更多"), "binary", /binary data/);
  });

  it("refuses Latin-1 and Shift-JIS text instead of guessing GB18030", () => {
    expectImportError(fixture("latin1.txt"), "unknown-encoding", /not recognised/);
    expectImportError(fixture("shift-jis.txt"), "unknown-encoding", /not recognised/);
  });
});
