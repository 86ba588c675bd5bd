import path from "node:path";
import { describe, expect, it } from "vitest";
import { root, walkValueImports } from "../support/module-graph";

/**
 * What the editor page's scripts evaluate before hydration (issue 18): the modules its client
 * components reach by static imports. The open row (the form and all it brings) is loaded by
 * `import()` once the editor has hydrated, so it must not be reached from here — one static
 * import of it would put it back into hydration's long task.
 */
function reachedFrom(...entries: string[]): Set<string> {
  const reached = new Set<string>();
  for (const entry of entries) {
    walkValueImports(path.join(root, entry), (spec, _chain, target) => {
      reached.add(target ? path.relative(root, target) : spec);
    });
  }
  return reached;
}

describe("the editor's first bundle", () => {
  const first = reachedFrom("components/editor/document-editor.tsx", "components/spelling/spelling-provider.tsx");

  it("holds the rows (the scan follows the editor's imports)", () => {
    expect(first).toContain("components/editor/editor-row.tsx");
    expect(first).toContain("components/editor/segment-row.tsx");
    expect(first).toContain("@tanstack/react-virtual");
  });

  it("leaves out the open row's form and what only it uses", () => {
    for (const lazy of ["components/editor/open-row.tsx", "components/editor/active-segment.tsx", "components/review/comment-thread.tsx", "components/history/segment-history-panel.tsx", "components/spelling/spelling-marks.tsx", "react-hook-form"]) {
      expect(first, lazy).not.toContain(lazy);
    }
  });

  it("leaves out the search box's pattern engine (RE2JS), fetched once Regex is ticked", () => {
    expect(first).toContain("components/editor/use-regex-engine.ts");
    for (const lazy of ["re2js", "lib/revisions/find-replace.ts"]) expect(first, lazy).not.toContain(lazy);
  });

  it("the open row's module has the form", () => {
    expect(reachedFrom("components/editor/open-row.tsx")).toContain("components/editor/active-segment.tsx");
  });

  it("the open row leaves out the comments' Markdown renderer, fetched with the first thread shown", () => {
    const openRow = reachedFrom("components/editor/open-row.tsx");
    expect(openRow).toContain("components/review/comment-thread.tsx");
    for (const lazy of ["components/review/comment-markdown.tsx", "react-markdown"]) expect(openRow, lazy).not.toContain(lazy);
  });
});
