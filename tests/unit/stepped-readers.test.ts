import { describe, expect, it, vi } from "vitest";

// The large inputs take well under a second on a quiet machine; a shared, loaded one needs more.
vi.setConfig({ testTimeout: 60_000 });
import { readTmx, readTmxStream } from "@/lib/exchange/tmx";
import { decodeXml } from "@/lib/exchange/xml";
import { glossaryFromCsv, glossaryFromCsvStream, glossaryFromTbx, glossaryFromTbxStream, glossaryToTbx } from "@/lib/glossary/glossary-files";

const header = `<header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="zh-CN" datatype="plaintext"/>`;
const tmxOf = (body: string, prolog = `<?xml version="1.0" encoding="UTF-8"?>\n`) => Buffer.from(`${prolog}<tmx version="1.4">${header}<body>${body}</body></tmx>`);

async function both(data: Buffer) {
  const streamed = await readTmxStream(data).catch((e: Error) => ({ refused: e.message }));
  let whole: unknown;
  try {
    whole = readTmx(decodeXml(data));
  } catch (e) {
    whole = { refused: (e as Error).message };
  }
  return { streamed, whole };
}

describe("the streaming TMX reader reads what the one-shot reader reads", () => {
  it("units, languages, inline tags, entities, CDATA, kinds and ids", async () => {
    const body = [
      `<tu tuid="a1"><prop type="x-kind">heading</prop><tuv xml:lang="zh-CN"><seg>昆山&amp;高新区 &#x4E00;</seg></tuv><tuv xml:lang="en-US"><seg>Kunshan &amp; <bpt i="1">&lt;b&gt;</bpt>Hi-Tech<ept i="1">&lt;/b&gt;</ept> Zone</seg></tuv></tu>`,
      `<tu><tuv lang="zh-CN"><seg><![CDATA[<一>]]></seg></tuv><tuv lang="en"><seg>  spaced  </seg></tuv></tu>`,
      `<tu><tuv xml:lang="en"><seg>target only</seg></tuv></tu>`,
    ].join("\n");
    const { streamed, whole } = await both(tmxOf(body));
    // One difference, in the streaming reader's favour: XML says &#x4E00; is 一, and fast-xml-parser
    // (without HTML entities) left the reference as it was.
    expect(JSON.stringify(streamed)).toBe(JSON.stringify(whole).replace("&#x4E00;", "一"));
    expect(streamed).toMatchObject({ sourceLang: "zh-CN", targetLang: "en-US", units: [{ id: "a1", kind: "heading", source: "昆山&高新区 一" }, { id: null, source: "<一>", target: "  spaced  " }, {}] });
  });

  it("a large file, and the same in UTF-16", async () => {
    const body = Array.from({ length: 1_000 }, (_, i) => `<tu tuid="${i}"><tuv xml:lang="zh-CN"><seg>第${i}段，长度${"字".repeat(i % 50)}。</seg></tuv><tuv xml:lang="en"><seg>Paragraph ${i}.</seg></tuv></tu>`).join("\n");
    const utf8 = tmxOf(body);
    const { streamed, whole } = await both(utf8);
    expect((streamed as { units: unknown[] }).units).toHaveLength(1_000);
    expect(streamed).toEqual(whole);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8.toString("utf8").replace('encoding="UTF-8"', 'encoding="UTF-16"'), "utf16le")]);
    expect(await readTmxStream(utf16)).toEqual(whole);
  });

  it("refuses what the one-shot reader refuses, for the same reason", async () => {
    const cases: [string, Buffer, RegExp][] = [
      ["internal DTD subset", tmxOf("", `<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa">]>`), /declares its own XML entities/],
      ["too deep", tmxOf(`<tu><tuv xml:lang="zh"><seg>${"<x>".repeat(300)}${"</x>".repeat(300)}</seg></tuv></tu>`), /more than 250 levels deep/],
      ["malformed", tmxOf(`<tu><tuv xml:lang="zh"><seg>a</tuv></tu>`), /malformed at line \d+, column \d+/],
      ["invalid UTF-8", Buffer.concat([tmxOf("").subarray(0, 60), Buffer.from([0xff, 0xfe, 0x41]), tmxOf("").subarray(60)]), /not valid UTF-8 \(the first bad byte is at offset 60\)/],
      ["not TMX", Buffer.from(`<?xml version="1.0"?><xliff/>`), /not TMX/],
    ];
    for (const [name, data, message] of cases) {
      const { streamed, whole } = await both(data);
      expect({ name, streamed }).toEqual({ name, streamed: { refused: expect.stringMatching(message) } });
      expect({ name, whole }).toEqual({ name, whole: { refused: expect.stringMatching(message) } });
    }
  });

  it("reads TBX glossaries as the one-shot reader does", async () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({ source: `术语${i}`, target: `Term ${i}`, note: i % 3 ? "" : `note & ${i}`, forbidden: i % 7 === 0 }));
    const tbx = glossaryToTbx(rows, { source: "zh-CN", target: "en" });
    const languages = { source: "zh", target: "en-US" };
    expect(await glossaryFromTbxStream(Buffer.from(tbx), languages)).toEqual(glossaryFromTbx(tbx, languages));
    expect(await glossaryFromTbxStream(Buffer.from(tbx), languages)).toEqual(rows);
  });
});

describe("CSV glossaries parsed in steps read as in one parse", () => {
  it("quoted cells with commas, quotes and line breaks across step boundaries; semicolons; unclosed quotes", async () => {
    const rows = Array.from({ length: 800 }, (_, i) => `"术语${i}","Term ""${i}"", with comma","line one\nline two ${i}",${i % 5 ? "" : "yes"}`);
    const csv = `\uFEFFsource,target,note,forbidden\r\n${rows.join("\r\n")}\r\n`;
    const streamed = await glossaryFromCsvStream(csv);
    expect(streamed).toHaveLength(800);
    expect(streamed).toEqual(glossaryFromCsv(csv));
    expect(streamed[7]).toEqual({ source: "术语7", target: 'Term "7", with comma', note: "line one\nline two 7", forbidden: false });
    const semicolons = ["source;target", ...Array.from({ length: 800 }, (_, i) => `源${i};Target, ${i}`)].join("\n");
    expect(await glossaryFromCsvStream(semicolons)).toEqual(glossaryFromCsv(semicolons));
    await expect(glossaryFromCsvStream(`source,target\n${"a,b\n".repeat(2_000)}"open,quote\n`)).rejects.toThrow(/unclosed quote/);
  });
});
