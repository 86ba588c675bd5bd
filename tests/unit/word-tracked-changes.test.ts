import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { docxReviewTable, docxTargetOnly } from "@/lib/exchange/docx-files";
import type { ExchangeDocument, ExchangeSegment } from "@/lib/exchange/exchange-model";
import { readTrackedDocx } from "@/lib/exchange/tracked/docx-tracked-reader";
import { revisionSteps } from "@/lib/exchange/tracked/tracked-apply";
import { fileSecond } from "@/lib/exchange/tracked/tracked-plan";
import { acceptAll, atomsFromDiff, changeKeys, compose, rejectAll, settle, withUntracked, type Atom } from "@/lib/exchange/tracked/tracked-text";
import { unpackZipSafely, ZIP_FORMATS } from "@/lib/exchange/zip";

/** Older → newer texts: English, Chinese (by word), punctuation, whitespace, lines, emoji, empty. */
const CASES: [string, string][] = [
  ["The slow brown dog jumps.", "The quick brown fox jumps."],
  ["Kunshan Hi-Tech Zone", "Kunshan High-Tech Zone, Jiangsu"],
  ["昆山高新区凝聚奋进伟力", "昆山高新区凝聚发展伟力"],
  ["1-5月，新增注册内资140亿元。", "1-5月，新增注册外资140亿元！"],
  ["He said, “yes.”", "He said: “No!”"],
  ["Two  spaces here", "Two spaces here"],
  ["Line one\nLine two", "Line one\nLine 2\nLine three"],
  ["", "A new translation."],
  ["A translation removed.", ""],
  ["Family 👨‍👩‍👧 emoji", "Family 👨‍👩‍👧‍👦 emoji 🇨🇳"],
  ["14 billion yuan (US$2 billion)", "14.0 billion yuan (about US$2bn)"],
  ["The “high” & the <new> 'quoted'", "The “higher” & the <newer> 'quoted'"],
  ["同比增长12.5%，高于全省平均水平。", "同比增长12.6%，远高于全省平均。"],
  ["Same text.", "Same text."],
];

describe("the atom algebra", () => {
  it.each(CASES)("diff atoms: accepting all gives the newer text, rejecting all the older (%j → %j)", (before, after) => {
    const atoms = atomsFromDiff(before, after, (i) => `k${i}`);
    expect(acceptAll(atoms)).toBe(after);
    expect(rejectAll(atoms)).toBe(before);
    // Each change on its own moves from the older text towards the newer one and back.
    for (const key of changeKeys(atoms)) {
      const one = compose(atoms, new Set([key]));
      const allBut = compose(atoms, (k) => k !== key);
      if (changeKeys(atoms).length > 1) expect(one === before || allBut === after).toBe(false);
    }
  });

  it("Chinese is compared by word, not by character", () => {
    const atoms = atomsFromDiff("昆山高新区凝聚奋进伟力", "昆山高新区凝聚发展伟力", String);
    expect(atoms.filter((a) => a.del).map((a) => a.text)).toEqual(["奋进"]);
    expect(atoms.filter((a) => a.ins).map((a) => a.text)).toEqual(["发展"]);
  });

  it("an atom inserted by one person and deleted by another is present only when the insertion is accepted and the deletion not", () => {
    const atoms: Atom[] = [{ text: "a " }, { text: "b ", ins: "i1", del: "d1" }, { text: "c" }];
    expect(compose(atoms, new Set(["i1"]))).toBe("a b c");
    expect(compose(atoms, new Set(["i1", "d1"]))).toBe("a c");
    expect(compose(atoms, new Set(["d1"]))).toBe("a c");
    expect(rejectAll(atoms)).toBe("a c");
  });

  it("settle folds in changes already taken (Duizhao's own, exported)", () => {
    const atoms: Atom[] = [{ text: "The " }, { text: "slow", del: "ours" }, { text: "quick", ins: "ours2" }, { text: " fox", ins: "theirs" }];
    const settled = settle(atoms, (k) => k.startsWith("ours"));
    expect(rejectAll(settled)).toBe("The quick");
    expect(acceptAll(settled)).toBe("The quick fox");
    expect(changeKeys(settled)).toEqual(["theirs"]);
  });

  it.each([
    // file atoms (tracked), exported text
    [[{ text: "The quick " }, { text: "brown", del: "t1" }, { text: "red", ins: "t2" }, { text: " fox leaps." }], "The quick brown fox jumps."],
    [[{ text: "昆山高新区" }, { text: "凝聚", del: "t1" }, { text: "发展伟力。" }], "昆山高新区凝聚奋进伟力。"],
    [[{ text: "Hello, " }, { text: "dear ", ins: "t1" }, { text: "world!" }], "Hello world."],
    [[{ text: "Entirely new", ins: "t1" }], "Old text"],
    [[{ text: "keep " }, { text: "x", del: "t1" }], "keep x y"],
  ] as [Atom[], string][])("untracked edits become changes: reject all gives the export, accept all the file (%#)", (atoms, exported) => {
    const { atoms: merged, untracked } = withUntracked(atoms, exported, (i) => `u${i}`);
    expect(untracked.length).toBeGreaterThan(0);
    expect(rejectAll(merged)).toBe(exported);
    expect(acceptAll(merged)).toBe(acceptAll(atoms));
    // Rejecting only the untracked edits gives the export with the tracked changes applied where they fit.
    const trackedOnly = compose(merged, (k) => k.startsWith("t"));
    expect(trackedOnly).not.toBe(acceptAll(atoms));
  });

  it("without untracked edits nothing is added", () => {
    const atoms: Atom[] = [{ text: "a " }, { text: "b", ins: "t1" }];
    expect(withUntracked(atoms, "a ", String)).toEqual({ atoms, untracked: [] });
  });

  it("revision steps: one per author in the order they worked, each on top of the earlier ones; rejected changes never applied", () => {
    const atoms: Atom[] = [{ text: "The " }, { text: "slow", del: "a1" }, { text: "quick", ins: "a2" }, { text: " fox" }, { text: " jumps", del: "b1" }, { text: " leaps", ins: "b2" }, { text: "!", ins: "u1" }];
    const steps = revisionSteps({
      atoms,
      placeholder: null,
      changes: [
        { key: "a1", accepted: true, userId: "ann", date: "2026-12-01T10:00:00" },
        { key: "a2", accepted: true, userId: "ann", date: "2026-12-01T10:00:00" },
        { key: "b1", accepted: true, userId: "bob", date: "2026-12-01T09:00:00" },
        { key: "b2", accepted: false, userId: "bob", date: "2026-12-01T09:00:00" },
        { key: "u1", accepted: true, userId: "me", date: null },
      ],
    });
    expect(steps.map((s) => [s.userId, s.text])).toEqual([
      ["me", "The slow fox jumps!"],
      ["bob", "The slow fox!"],
      ["ann", "The quick fox!"],
    ]);
  });

  it("an English-only placeholder left as it was means the translation stays empty", () => {
    const steps = revisionSteps({ atoms: [{ text: "[中文]" }, { text: "x", ins: "t" }], placeholder: "[中文]", changes: [{ key: "t", accepted: false, userId: "a", date: null }] });
    expect(steps).toEqual([]);
    const accepted = revisionSteps({ atoms: [{ text: "[中文]", del: "t" }, { text: "Chinese", ins: "t" }], placeholder: "[中文]", changes: [{ key: "t", accepted: true, userId: "a", date: null }] });
    expect(accepted.map((s) => s.text)).toEqual(["Chinese"]);
  });

  it("file dates: Word's Z, LibreOffice's without zone, LibreOffice's empty 0-00-00", () => {
    expect(fileSecond("2026-12-01T10:00:00Z")).toBe("2026-12-01T10:00:00");
    expect(fileSecond("2026-12-01T10:00:00.123Z")).toBe("2026-12-01T10:00:00");
    expect(fileSecond("2026-12-01T10:00:00")).toBe("2026-12-01T10:00:00");
    expect(fileSecond("0-00-00T00:00:00Z")).toBeNull();
    expect(fileSecond(null)).toBeNull();
  });
});

const segment = (i: number, before: string, after: string, extra: Partial<ExchangeSegment> = {}): ExchangeSegment => ({
  id: `seg${i}`,
  kind: i === 0 ? "heading" : "paragraph",
  source: `源文${i}`,
  target: after,
  status: "translated",
  version: i + 2,
  comments: [],
  ...(before !== after ? { tracked: { before, author: i % 2 ? "Rita Reviewer" : "审校 王", at: `2026-11-30T0${i % 10}:15:30.250Z` } } : {}),
  ...extra,
});

function exportDoc(): ExchangeDocument {
  const segments = CASES.map(([before, after], i) => segment(i, before, after));
  segments[1]!.comments = [
    { id: "c1", author: "Rita Reviewer", body: "Why “High”?", at: "2026-11-30T10:00:00Z" },
    { id: "c2", parentId: "c1", author: "Tom Translator", body: "It is the official name.\nSee the zone's site.", at: "2026-11-30T11:00:00Z" },
  ];
  return {
    documentId: "doc",
    title: "Tracked",
    projectName: "P",
    sourceLang: "zh-CN",
    targetLang: "en-US",
    exportedAt: "2026-12-01T00:00:00Z",
    versionLabel: "v1",
    progress: { total: segments.length, approved: 0, translated: segments.length },
    segments,
    trackChanges: { label: "test" },
  };
}

async function read(file: Buffer) {
  const tracked = readTrackedDocx(await unpackZipSafely(file, ZIP_FORMATS.docx));
  if (!tracked) throw new Error("not read");
  return tracked;
}

describe("the Word writer and reader", () => {
  for (const [name, write] of [
    ["review table", docxReviewTable],
    ["English-only", docxTargetOnly],
  ] as const) {
    it(`${name}: every segment's changes read back; accept all = newer, reject all = older; authors and times kept`, async () => {
      const doc = exportDoc();
      const tracked = await read(await write(doc));
      expect(tracked.layout).toBe(name === "review table" ? "review" : "english");
      expect(tracked.units.map((u) => [u.segmentRef, u.version])).toEqual(doc.segments.map((s) => [s.id, s.version]));
      tracked.units.forEach((u, i) => {
        const [before, after] = CASES[i]!;
        const shownAfter = name === "English-only" && !after && before === after ? `[源文${i}]` : after;
        expect(acceptAll(u.atoms), `#${i} accept`).toBe(shownAfter);
        expect(rejectAll(u.atoms), `#${i} reject`).toBe(before);
        for (const key of changeKeys(u.atoms)) {
          const c = tracked.changes[key]!;
          expect(c.author).toBe(doc.segments[i]!.tracked!.author);
          expect(c.date).toBe(`2026-11-30T0${i % 10}:15:30Z`);
        }
      });
      // Comments with their thread, anchored on their segment.
      expect(tracked.units[1]!.commentIds).toHaveLength(2);
      const [root, reply] = tracked.units[1]!.commentIds.map((id) => tracked.comments.find((c) => c.id === id)!);
      expect(root).toMatchObject({ author: "Rita Reviewer", text: "Why “High”?", parentId: null });
      expect(reply).toMatchObject({ author: "Tom Translator", text: "It is the official name.\nSee the zone's site.", parentId: root!.id });
    });
  }

  it("the plain review table (no tracked changes) reads as one atom per segment", async () => {
    const doc = { ...exportDoc(), trackChanges: undefined, segments: exportDoc().segments.map((s) => ({ ...s, tracked: undefined })) };
    const tracked = await read(await docxReviewTable(doc));
    expect(tracked.units.map((u) => acceptAll(u.atoms))).toEqual(CASES.map(([, after]) => after));
    expect(Object.keys(tracked.changes)).toEqual([]);
  });
});

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"';
const p = (...runs: string[]) => `<w:p>${runs.join("")}</w:p>`;
const r = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const cell = (...paragraphs: string[]) => `<w:tc>${paragraphs.join("") || "<w:p/>"}</w:tc>`;

async function docx(body: string, parts: Record<string, string> = {}): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", "<Types/>");
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
  for (const [name, xml] of Object.entries(parts)) zip.file(name, xml);
  return zip.generateAsync({ type: "nodebuffer" });
}

const header = `<w:tr>${["#", "Chinese", "English", "Status", "Comments", "Ref"].map((h) => cell(p(r(h)))).join("")}</w:tr>`;

describe("reading Word's and LibreOffice's markup", () => {
  it("moves, nested runs, deletions inside insertions, formatting changes, inserted paragraph marks, comment ranges split over runs", async () => {
    const english = [
      `<w:p><w:pPr><w:rPr><w:ins w:id="30" w:author="Ann" w:date="2026-12-01T10:05:00Z"/></w:rPr></w:pPr>`,
      `<w:commentRangeStart w:id="5"/>`,
      r("The "),
      `<w:ins w:id="1" w:author="Ann" w:date="2026-12-01T10:00:00Z"><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">very </w:t></w:r><w:r><w:t xml:space="preserve">very </w:t></w:r></w:ins>`,
      `<w:r><w:rPr><w:rPrChange w:id="2" w:author="Ann" w:date="2026-12-01T10:00:00Z"><w:rPr/></w:rPrChange></w:rPr><w:t>quick</w:t></w:r>`,
      r(" "),
      `<w:moveFrom w:id="3" w:author="Bob" w:date="2026-12-01T09:00:00Z"><w:r><w:t xml:space="preserve">brown </w:t></w:r></w:moveFrom>`,
      `<w:smartTag w:uri="x" w:element="y"><w:r><w:t>fox</w:t></w:r></w:smartTag>`,
      `<w:ins w:id="4" w:author="Ann" w:date="2026-12-01T10:01:00Z"><w:r><w:t>es</w:t></w:r><w:del w:id="6" w:author="Bob" w:date="2026-12-01T11:00:00Z"><w:r><w:delText>typo</w:delText></w:r></w:del></w:ins>`,
      `<w:commentRangeEnd w:id="5"/><w:r><w:commentReference w:id="5"/></w:r></w:p>`,
      p(`<w:moveTo w:id="7" w:author="Bob" w:date="2026-12-01T09:00:00Z"><w:r><w:t>brown</w:t></w:r></w:moveTo>`, `<w:hyperlink r:id="x" xmlns:r="r"><w:r><w:t xml:space="preserve"> jump</w:t></w:r></w:hyperlink>`, `<w:r><w:tab/><w:t>s</w:t></w:r>`),
    ].join("");
    const row = `<w:tr>${cell(p(r("1")))}${cell(p(r("中文")))}<w:tc>${english}</w:tc>${cell(p(r("Translated")))}${cell(p(`<w:commentRangeStart w:id="8"/>`, r("x"), `<w:commentRangeEnd w:id="8"/>`))}${cell(p(r("seg1@4")))}</w:tr>`;
    const comments = `<w:comments ${W}><w:comment w:id="5" w:author="Ann" w:date="2026-12-01T10:02:00Z"><w:p w14:paraId="0A"><w:r><w:t>Check</w:t></w:r></w:p><w:p w14:paraId="0B"><w:r><w:t>this.</w:t></w:r></w:p></w:comment><w:comment w:id="8" w:author="bob@example.org"><w:p w14:paraId="0C"><w:r><w:t>Agreed</w:t></w:r></w:p></w:comment></w:comments>`;
    const extended = `<w15:commentsEx ${W}><w15:commentEx w15:paraId="0B"/><w15:commentEx w15:paraId="0C" w15:paraIdParent="0B"/></w15:commentsEx>`;
    const tracked = await read(await docx(`<w:tbl>${header}${row}</w:tbl>`, { "word/comments.xml": comments, "word/commentsExtended.xml": extended }));
    const unit = tracked.units[0]!;
    expect(unit.segmentRef).toBe("seg1");
    expect(unit.version).toBe(4);
    expect(acceptAll(unit.atoms)).toBe("The very very quick foxes\nbrown jump\ts");
    expect(rejectAll(unit.atoms)).toBe("The quick brown fox jump\ts");
    // Ann's two runs are one insertion; the move is a deletion and an insertion by Bob; the
    // formatting change is no change of text.
    const kinds = changeKeys(unit.atoms).map((k) => [tracked.changes[k]!.kind, tracked.changes[k]!.author]);
    expect(kinds).toEqual([
      ["insert", "Ann"],
      ["delete", "Bob"],
      ["insert", "Ann"],
      ["delete", "Bob"],
      ["insert", "Ann"],
      ["insert", "Bob"],
    ]);
    expect(unit.commentIds.sort()).toEqual(["5", "8"]);
    expect(tracked.comments).toEqual([
      { id: "5", author: "Ann", date: "2026-12-01T10:02:00Z", text: "Check\nthis.", parentId: null },
      { id: "8", author: "bob@example.org", date: null, text: "Agreed", parentId: "5" },
    ]);
  });
});

describe("a review table edited by LibreOffice itself (tests/fixtures/word, made by scripts/word-fixture.ts)", () => {
  it("reads LibreOffice's changes by their author, keeps the exported ones recognisable, finds the untracked edit and the comments", async () => {
    const fs = await import("node:fs");
    const tracked = await read(fs.readFileSync(`${__dirname}/../fixtures/word/libreoffice-edited.docx`));
    const { FIXTURE_DOCUMENT } = await import("@/scripts/word-fixture");
    expect(tracked.units.map((u) => [u.segmentRef, u.version])).toEqual([
      ["seg1", 3],
      ["seg2", 2],
      ["seg3", 4],
    ]);
    const byAuthor = (u: number, author: string) =>
      changeKeys(tracked.units[u]!.atoms)
        .filter((k) => tracked.changes[k]!.author === author)
        .map((k) => [tracked.changes[k]!.kind, tracked.units[u]!.atoms.filter((a) => a.ins === k || a.del === k).map((a) => a.text).join("")]);
    expect(byAuthor(1, "Lee Subeditor")).toEqual([
      ["delete", "By staff reporter"],
      ["insert", "By our staff reporter"],
    ]);
    expect(byAuthor(2, "Lee Subeditor")).toEqual([
      ["delete", "newly registered"],
      ["insert", "newly registered private"],
      ["delete", " year on year"],
    ]);
    expect(acceptAll(tracked.units[2]!.atoms)).toBe("From January to May, newly registered private domestic capital reached 14 billion yuan, up 12.5%.");
    expect(rejectAll(tracked.units[2]!.atoms)).toBe(FIXTURE_DOCUMENT.segments[2]!.target);
    // The exported change (Rita's, kept by LibreOffice with its author and time) settles; what
    // LibreOffice typed untracked inside it ("!") is found as an untracked edit.
    const rita = (k: string) => tracked.changes[k]?.author === "Rita Reviewer" && tracked.changes[k]?.date === "2026-11-30T09:30:00Z";
    const settled = settle(tracked.units[0]!.atoms, rita);
    const { atoms, untracked } = withUntracked(settled, FIXTURE_DOCUMENT.segments[0]!.target, (i) => `u${i}`);
    expect(changeKeys(atoms)).toEqual(untracked);
    expect(atoms.filter((a) => a.ins).map((a) => a.text)).toEqual(["!"]);
    expect(tracked.comments.map((c) => [c.author, c.text])).toEqual([
      ["Tom Translator", "Agreed."],
      ["Rita Reviewer", "“High-Tech” is the zone's spelling."],
      ["Lee Subeditor", "Full name in the byline?"],
    ]);
    expect(tracked.units[1]!.commentIds).toHaveLength(1);
  });
});

describe("the fast tracked review-table writer", () => {
  const tricky = ["", "昆山高新区成立于1994年。", "Two\nlines & <tags> \"quoted\" 'single'", "control\u0001chars\u000b\tkept tab", "𠀀 astral, emoji 👨‍👩‍👧, trailing space ", "\nleading newline", "a\n\nb"];
  const doc: ExchangeDocument = {
    ...exportDoc(),
    segments: Array.from({ length: 49 }, (_, i) => ({
      id: `seg-${i}`,
      kind: ["heading", "paragraph", "caption", "byline", "other"][i % 5]!,
      source: tricky[i % tricky.length]!,
      target: tricky[(i + 3) % tricky.length]!,
      status: "translated",
      version: i,
      comments:
        i % 4 === 0
          ? [
              { id: `r${i}`, author: "Rui <Reviewer> & \"co\"", body: "Check <this> & that\nsecond line", at: "2026-01-02T03:04:05Z" },
              { id: `p${i}`, parentId: `r${i}`, author: "Tom", body: "Done.", at: "2026-01-02T04:04:05Z", resolved: true },
            ]
          : [],
      ...(i % 3 ? { tracked: { before: tricky[(i + 1) % tricky.length]!, author: i % 2 ? "A & \"B\"" : "审校 王", at: "2026-01-01T00:00:00Z" } } : {}),
    })),
  };

  it("writes document.xml, comments.xml and commentsExtended.xml byte for byte as docx's own objects would", async () => {
    const { trackedReviewTable, trackedReviewTableReference } = await import("@/lib/exchange/tracked/docx-tracked-writer");
    const parts = async (buffer: Buffer) => {
      const zip = await JSZip.loadAsync(buffer);
      return { files: Object.keys(zip.files).sort(), xml: await Promise.all(["word/document.xml", "word/comments.xml", "word/commentsExtended.xml"].map((f) => zip.file(f)!.async("string"))) };
    };
    const [fast, reference] = await Promise.all([parts(await trackedReviewTable(doc)), parts(await trackedReviewTableReference(doc))]);
    expect(fast.files).toEqual(reference.files);
    expect(fast.xml[0]).toBe(reference.xml[0]);
    expect(fast.xml[1]).toBe(reference.xml[1]);
    expect(fast.xml[2]).toBe(reference.xml[2]);
    expect(fast.xml[0]).toContain("<w:del w:id=");
  });
});
