/**
 * Hostile and broken files: each gets a clear message, and nothing is written.
 */
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { ImportError } from "@/lib/documents/import-error";
import { readUpload } from "@/lib/exchange/read-upload";
import { checkUploadSize } from "@/lib/exchange/upload-limits";

async function counts() {
  return JSON.stringify(await Promise.all([prisma.document.count(), prisma.segment.count(), prisma.revision.count(), prisma.activityEvent.count()]));
}
let before: string;
beforeAll(async () => {
  before = await counts();
});
afterAll(async () => {
  expect(await counts()).toBe(before);
});

async function refusal(name: string, data: Buffer | string): Promise<string> {
  try {
    await readUpload(name, Buffer.isBuffer(data) ? data : Buffer.from(data, "utf8"));
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return (error as Error).message;
  }
  throw new Error("the file was accepted");
}

const xliff = (body: string, prolog = "") =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${prolog}<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="zh-CN" target-language="en-US" datatype="plaintext" original="x"><body>${body}</body></file></xliff>`;

describe("hostile and broken files", () => {
  it("refuses an XXE probe without reading the file it names", async () => {
    const probe = xliff(`<trans-unit id="1"><source>&xxe;</source></trans-unit>`, `<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n`);
    const message = await refusal("probe.xlf", probe);
    expect(message).toMatch(/declares its own XML entities/);
    expect(message).not.toContain("root:");
  });

  it("refuses a billion-laughs file at once", async () => {
    const lol = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;">]>\n`;
    const started = Date.now();
    expect(await refusal("lol.xlf", xliff(`<trans-unit id="1"><source>&lol9;</source></trans-unit>`, lol))).toMatch(/declares its own XML entities/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("reads a TMX that only names an external DTD, without fetching it", async () => {
    const tmx = `<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/tmx14.dtd">\n<tmx version="1.4"><header srclang="zh-CN" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" creationtool="x" creationtoolversion="1"/><body><tu><tuv xml:lang="zh-CN"><seg>你好</seg></tuv><tuv xml:lang="en-US"><seg>Hello</seg></tuv></tu></body></tmx>`;
    const read = await readUpload("ok.tmx", Buffer.from(tmx));
    expect(read.kind === "bilingual" && read.units[0]).toMatchObject({ source: "你好", target: "Hello" });
  });

  it("reports malformed XML with its line and column", async () => {
    expect(await refusal("bad.xlf", `<?xml version="1.0"?>\n<xliff version="1.2">\n  <file>\n    <body><trans-unit id="1"><source>ok</target></trans-unit></body>\n  </file>\n</xliff>`)).toMatch(/malformed at line 4, column \d+/);
  });

  it("reports invalid UTF-8 with the offset of the first bad byte", async () => {
    const good = Buffer.from(xliff(`<trans-unit id="1"><source>好</source></trans-unit>`));
    const bad = Buffer.concat([good.subarray(0, 200), Buffer.from([0xc3, 0x28]), good.subarray(200)]);
    expect(await refusal("bad-utf8.xlf", bad)).toMatch(/not valid UTF-8 \(the first bad byte is at offset 200\)/);
  });

  it("refuses a zip bomb while unpacking, before it is inflated", async () => {
    const previous = process.env.DUIZHAO_MAX_UNZIPPED_MB;
    process.env.DUIZHAO_MAX_UNZIPPED_MB = "5";
    try {
      const zip = new JSZip();
      zip.file("[Content_Types].xml", "<Types/>");
      zip.file("word/document.xml", Buffer.alloc(40 * 1024 * 1024, 0x20));
      const bomb = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
      expect(bomb.length).toBeLessThan(200_000);
      expect(await refusal("bomb.docx", bomb)).toMatch(/expands to more than 5 MB when unpacked/);
    } finally {
      if (previous === undefined) delete process.env.DUIZHAO_MAX_UNZIPPED_MB;
      else process.env.DUIZHAO_MAX_UNZIPPED_MB = previous;
    }
  });

  it("refuses a truncated DOCX and a DOCX that is not one", async () => {
    const zip = new JSZip();
    zip.file("word/document.xml", "<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'><w:body/></w:document>");
    const docx = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    expect(await refusal("cut.docx", docx.subarray(0, Math.floor(docx.length / 2)))).toMatch(/damaged|truncated/);
    expect(await refusal("fake.docx", "just text, not a zip")).toMatch(/damaged|not an Office document/);
  });

  it("refuses an upload over the limit, with both sizes named", () => {
    expect(() => checkUploadSize("huge.xlf", 25 * 1024 * 1024)).toThrow(/“huge.xlf” is 25 MB; uploads are limited to 20 MB/);
    expect(() => checkUploadSize("fine.xlf", 1024)).not.toThrow();
  });

  it("refuses a malformed CSV and an empty one", async () => {
    expect(await refusal("bad.csv", 'source,target\n"unclosed,quote\n')).toMatch(/CSV is malformed/);
    expect(await refusal("empty.csv", "\n\n")).toMatch(/empty/);
  });

  it("refuses files it does not read, by name", async () => {
    expect(await refusal("photo.png", "x")).toMatch(/not a file Duizhao reads/);
  });
});
