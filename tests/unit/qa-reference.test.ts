/**
 * The QA engine on the reference translation of the seed article: no error on it, no warning a
 * reviewer would not agree with, and — on errors seeded into it — recall ≥ 98% with false
 * alarms on correct segments ≤ 2% (issue 16, part 6). Figures: `npm run bench:qa`.
 */
import { describe, expect, it } from "vitest";
import { runDocumentQa } from "@/lib/qa/document-qa";
import { evaluateQa, generatedErrors, handMadeErrors } from "@/tests/support/qa-evaluation";
import { loadReference, loadReferenceGlossary } from "@/tests/support/reference";

const reference = loadReference();
const glossary = loadReferenceGlossary();

describe("the reference translation", () => {
  it("covers all 71 segments of the imported article, in order", () => {
    expect(reference.map((s) => s.position)).toEqual([...Array(71).keys()]);
    expect(reference.every((s) => s.target.trim() && s.target === s.target.trim())).toBe(true);
  });

  const results = runDocumentQa(reference.map((s) => ({ id: String(s.position), source: s.source, target: s.target, kind: s.kind })), glossary);
  it("raises no error", () => {
    expect(results.flatMap((r) => r.findings.filter((f) => f.severity === "error").map((f) => `#${r.id} ${f.check}: ${f.message}`))).toEqual([]);
  });
  it("raises only the warnings a reviewer agreed with (none)", () => {
    // A new warning on the reference must be reviewed: either the engine cries wolf, or the reference is wrong.
    expect(results.flatMap((r) => r.findings.map((f) => `#${r.id} ${f.check}: ${f.message}`))).toEqual([]);
  });
});

describe("seeded errors and correct text", () => {
  const evaluation = evaluateQa();
  it("has a few hundred systematically generated cases and fifty hand-made ones", () => {
    expect(generatedErrors(reference, glossary).length).toBeGreaterThanOrEqual(300);
    expect(handMadeErrors().length).toBeGreaterThanOrEqual(50);
    expect(evaluation.correct.total).toBeGreaterThanOrEqual(150);
  });
  it("finds at least 98% of the seeded errors with the right check", () => {
    const recall = evaluation.seeded.detected / evaluation.seeded.total;
    expect(recall, evaluation.seeded.misses.map((m) => `${m.position} ${m.category}: ${m.target}`).join("\n")).toBeGreaterThanOrEqual(0.98);
  });
  it("flags at most 2% of correct segments", () => {
    const rate = evaluation.correct.flagged / evaluation.correct.total;
    expect(rate, evaluation.correct.alarms.map((a) => `${a.case.id}: ${a.findings.map((f) => f.message).join(" ")}`).join("\n")).toBeLessThanOrEqual(0.02);
  });
  it("misses no category entirely", () => {
    for (const [category, row] of evaluation.seeded.byCategory) expect(row.detected, category).toBeGreaterThan(0);
  });
});
