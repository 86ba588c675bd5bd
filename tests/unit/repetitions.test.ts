import { describe, expect, it } from "vitest";
import { inconsistentFindings } from "@/lib/qa/document-qa";
import { countText, repetitionCounts, repetitionKey } from "@/lib/repetitions/repetition-key";
import { selectRepetitions, skipReason, type Candidate, type SelectionContext } from "@/lib/repetitions/select";
import { sourceHash } from "@/lib/repetitions/source-hash";
import { filterIndexes, NO_FILTER } from "@/components/editor/editor-filters";
import type { EditorSegment } from "@/components/editor/editor-types";

describe("repetitionKey: what counts as the same source", () => {
  it("ignores whitespace: full-width spaces, no-break spaces, line breaks, spaces beside Chinese", () => {
    const key = repetitionKey("昆山高新区是国家级高新区。");
    for (const variant of ["  昆山高新区是国家级高新区。 ", "昆山高新区\u3000是国家级高新区。", "昆山\u00a0高新区是\n国家级高新区 。", "\t昆山高新区是国家级高新区\u3000。"]) {
      expect(repetitionKey(variant)).toBe(key);
    }
  });

  it("keeps differences that are text: punctuation, characters, Latin word spacing, case", () => {
    expect(repetitionKey("昆山高新区。")).not.toBe(repetitionKey("昆山高新区！"));
    expect(repetitionKey("昆山高新区。")).not.toBe(repetitionKey("昆山高新区."));
    expect(repetitionKey("GDP 增长")).toBe(repetitionKey("GDP增长"));
    expect(repetitionKey("Hi tech")).not.toBe(repetitionKey("Hitech"));
    expect(repetitionKey("Hi   tech")).toBe(repetitionKey("Hi tech"));
    expect(repetitionKey("GDP")).not.toBe(repetitionKey("gdp"));
  });

  it("composes Unicode (NFC) so the same text typed two ways matches", () => {
    expect(repetitionKey("Cafe\u0301 开业")).toBe(repetitionKey("Café 开业"));
  });

  it("hashes the key, so variants share a hash and different sources do not", () => {
    expect(sourceHash("昆山\u3000高新区")).toBe(sourceHash("昆山高新区"));
    expect(sourceHash("昆山高新区")).not.toBe(sourceHash("苏州高新区"));
    expect(sourceHash("x")).toMatch(/^[0-9a-f]{32}$/);
  });

  it("counts repetitions: only sources seen twice or more", () => {
    expect([...repetitionCounts(["甲。", "乙。", "甲 。", undefined, "丙。", "甲。"])]).toEqual([["甲。", 3]]);
  });
});

describe("statistics count a repetition once", () => {
  it("Chinese characters and English words of a repeated source count once", () => {
    const segments = [
      { source: "昆山高新区。", target: "Kunshan Hi-tech Zone." },
      { source: "昆山 高新区。", target: "Kunshan Hi-tech Zone." },
      { source: "苏州。", target: "Suzhou." },
      undefined,
    ];
    expect(countText(segments)).toEqual({ hanCharacters: 5 + 2, englishWords: 3 + 1, repetitions: 1 });
  });
});

describe("which repetitions take a confirmed translation", () => {
  const ctx: SelectionContext = { target: "English.", status: "draft", editedByOthers: new Set(["locked"]), fenced: new Set(["fenced"]), signedOffDocuments: new Set(["closed-doc"]) };
  const c = (id: string, status: string, target = "", documentId = "doc"): Candidate => ({ id, documentId, position: 0, status, target });

  it("takes untranslated and draft segments (a draft's other words included)", () => {
    expect(skipReason(c("a", "untranslated"), ctx)).toBeNull();
    expect(skipReason(c("b", "draft", "Someone's draft."), ctx)).toBeNull();
    expect(skipReason(c("c", "draft", "English."), { ...ctx, status: "translated" })).toBeNull();
  });

  it("never writes over a confirmed, reviewed or approved text, nor one sent back by a reviewer", () => {
    expect(skipReason(c("a", "translated", "Other."), ctx)).toBe("confirmed");
    expect(skipReason(c("b", "reviewed"), ctx)).toBe("reviewed");
    expect(skipReason(c("c", "approved"), ctx)).toBe("approved");
    expect(skipReason(c("d", "changes_requested"), ctx)).toBe("changes-requested");
    expect(skipReason(c("e", "some-future-status"), ctx)).toBe("confirmed");
  });

  it("skips a segment another person is in, one a long operation holds, one in a signed-off document, and one already the same", () => {
    expect(skipReason(c("locked", "draft"), ctx)).toBe("being-edited");
    expect(skipReason(c("fenced", "untranslated"), ctx)).toBe("busy");
    expect(skipReason(c("x", "untranslated", "", "closed-doc"), ctx)).toBe("signed-off");
    expect(skipReason(c("y", "draft", "English."), ctx)).toBe("unchanged");
  });

  it("a confirmed segment is skipped for its status even when also locked", () => {
    expect(skipReason(c("locked", "approved"), ctx)).toBe("approved");
  });

  it("splits candidates into those propagated and those skipped, with a code each", () => {
    const result = selectRepetitions([c("a", "untranslated"), c("b", "translated"), c("locked", "draft")], ctx);
    expect(result.propagate.map((x) => x.id)).toEqual(["a"]);
    expect(result.skipped.map((s) => [s.candidate.id, s.code])).toEqual([
      ["b", "confirmed"],
      ["locked", "being-edited"],
    ]);
  });
});

describe("the inconsistent check and propagated repetitions", () => {
  it("a propagated copy gets no finding; the texts people wrote still do", () => {
    const units = [
      { id: "1", source: "实干担当", target: "Hard work" },
      { id: "2", source: "实干担当", target: "Hard work", revisionKind: "propagated" },
      { id: "3", source: "实干担当", target: "Responsibility" },
    ];
    const found = inconsistentFindings(units);
    expect([...found.keys()].sort()).toEqual(["1", "3"]);
    // Without the mark, the copy is flagged too.
    expect([...inconsistentFindings(units.map(({ revisionKind: _, ...u }) => u)).keys()].sort()).toEqual(["1", "2", "3"]);
  });

  it("repetitions that all carry the propagated text raise nothing", () => {
    const units = [
      { id: "1", source: "甲", target: "A" },
      { id: "2", source: "甲", target: "A", revisionKind: "propagated" },
      { id: "3", source: "甲 ", target: "A", revisionKind: "propagated" },
    ];
    expect(inconsistentFindings(units).size).toBe(0);
  });
});

describe("the Repetitions filter", () => {
  const seg = (id: string, source: string): EditorSegment => ({ id, position: 0, kind: "paragraph", source, target: "", status: "untranslated", version: 1, truncated: false, machineTranslated: false, comments: 0, openIssues: 0 });
  it("shows only segments whose source repeats elsewhere in the document", () => {
    const segments = [seg("a", "甲。"), seg("b", "乙。"), seg("c", "甲\u3000。"), undefined];
    expect(filterIndexes(segments, { ...NO_FILTER, repetitions: true })).toEqual([0, 2]);
    expect(filterIndexes(segments, NO_FILTER)).toEqual([0, 1, 2, 3]);
  });
});
