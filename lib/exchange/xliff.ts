import { isSegmentStatus } from "@/lib/review/segment-status";
import type { ExchangeDocument, ExchangeSegment } from "./exchange-model";
import { statusFromXliff12, statusFromXliff20, XLIFF12_STATE, XLIFF20_STATE } from "./statuses";
import { attrOf, childElements, escapeXml as x, findAll, ImportRefused, parseUntrustedXml, tagOf, textOf, type XmlNode } from "./xml";

/** Duizhao's own attributes (kind, version) in its namespace: other tools keep and ignore them. */
const DZ = "urn:duizhao:xliff";

/** XLIFF 1.2: one trans-unit per segment, id = segment id, comments as notes, kind in restype. */
export function* xliff12(doc: ExchangeDocument): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:dz="${DZ}">\n`;
  yield ` <file original="${x(doc.title)}" source-language="${x(doc.sourceLang)}" target-language="${x(doc.targetLang)}" datatype="plaintext" tool-id="duizhao">\n`;
  yield `  <header><tool tool-id="duizhao" tool-name="Duizhao"/><note from="duizhao">${x(`${doc.projectName} — ${doc.versionLabel}`)}</note></header>\n  <body>\n`;
  for (const s of doc.segments) {
    let unit = `   <trans-unit id="${x(s.id)}" restype="x-${x(s.kind)}"${s.status === "approved" ? ' approved="yes"' : ""} dz:kind="${x(s.kind)}"${s.version ? ` dz:version="${s.version}"` : ""} xml:space="preserve">\n`;
    unit += `    <source xml:lang="${x(doc.sourceLang)}">${x(s.source)}</source>\n`;
    unit += `    <target xml:lang="${x(doc.targetLang)}" state="${XLIFF12_STATE[s.status]}">${x(s.target)}</target>\n`;
    for (const c of s.comments) unit += `    <note from="${x(c.author)}">${x(c.body)}</note>\n`;
    yield `${unit}   </trans-unit>\n`;
  }
  yield "  </body>\n </file>\n</xliff>\n";
}

/** XLIFF 2.0: one unit per segment, the exact status in subState, comments as notes. */
export function* xliff20(doc: ExchangeDocument): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:dz="${DZ}" version="2.0" srcLang="${x(doc.sourceLang)}" trgLang="${x(doc.targetLang)}">\n`;
  yield ` <file id="f1" original="${x(doc.title)}">\n`;
  for (const s of doc.segments) {
    let unit = `  <unit id="${x(s.id)}" type="dz:${x(s.kind)}" dz:kind="${x(s.kind)}"${s.version ? ` dz:version="${s.version}"` : ""}>\n`;
    if (s.comments.length) unit += `   <notes>\n${s.comments.map((c) => `    <note category="comment" dz:author="${x(c.author)}">${x(c.body)}</note>\n`).join("")}   </notes>\n`;
    unit += `   <segment state="${XLIFF20_STATE[s.status]}" subState="duizhao:${s.status}">\n`;
    unit += `    <source xml:space="preserve">${x(s.source)}</source>\n`;
    unit += `    <target xml:space="preserve">${x(s.target)}</target>\n`;
    yield `${unit}   </segment>\n  </unit>\n`;
  }
  yield " </file>\n</xliff>\n";
}

export interface ParsedXliff {
  version: "1.2" | "2.0";
  title: string | null;
  sourceLang: string | null;
  targetLang: string | null;
  units: ExchangeSegment[];
}

/** Reads XLIFF 1.2 or 2.0 (ours or another tool's); inline tags inside segments keep their text. */
export function readXliff(xml: string): ParsedXliff {
  const nodes = parseUntrustedXml(xml);
  const root = nodes.find((n) => tagOf(n) === "xliff");
  if (!root) throw new ImportRefused("not-xliff");
  const version = attrOf(root, "version");
  if (version?.startsWith("2")) return readXliff20(root);
  if (version !== "1.2" && version !== "1.1") throw new ImportRefused("xliff-version", { version: version ?? "none" });
  const file = findAll([root], "file")[0];
  const units = findAll([root], "trans-unit").map((u, i): ExchangeSegment => {
    const source = childElements(u, "source")[0];
    const target = childElements(u, "target")[0];
    const targetText = target ? textOf(target) : "";
    const kind = attrOf(u, "kind") ?? attrOf(u, "restype")?.replace(/^x-/, "") ?? "paragraph";
    return {
      id: attrOf(u, "id") ?? `unit-${i + 1}`,
      kind,
      source: source ? textOf(source) : "",
      target: targetText,
      status: statusFromXliff12(target ? attrOf(target, "state") : undefined, targetText.trim() !== "", attrOf(u, "approved")),
      version: Number(attrOf(u, "version")) || undefined,
      comments: childElements(u, "note").map((n) => ({ author: attrOf(n, "from") ?? "", body: textOf(n), at: "" })),
    };
  });
  return { version: "1.2", title: file ? (attrOf(file, "original") ?? null) : null, sourceLang: file ? (attrOf(file, "source-language") ?? null) : null, targetLang: file ? (attrOf(file, "target-language") ?? null) : null, units };
}

function readXliff20(root: XmlNode): ParsedXliff {
  const file = findAll([root], "file")[0];
  const units = findAll([root], "unit").map((u, i): ExchangeSegment => {
    const segments = findAll([u], "segment");
    const source = segments.map((seg) => childElements(seg, "source").map(textOf).join("")).join("");
    const target = segments.map((seg) => childElements(seg, "target").map(textOf).join("")).join("");
    const first = segments[0];
    const kind = attrOf(u, "kind") ?? attrOf(u, "type")?.replace(/^dz:/, "") ?? "paragraph";
    const status = statusFromXliff20(first ? attrOf(first, "state") : undefined, first ? attrOf(first, "subState") : undefined, target.trim() !== "");
    return {
      id: attrOf(u, "id") ?? `unit-${i + 1}`,
      kind,
      source,
      target,
      status: isSegmentStatus(status) ? status : "draft",
      version: Number(attrOf(u, "version")) || undefined,
      comments: findAll([u], "note").map((n) => ({ author: attrOf(n, "author") ?? "", body: textOf(n), at: "" })),
    };
  });
  return { version: "2.0", title: file ? (attrOf(file, "original") ?? null) : null, sourceLang: attrOf(root, "srcLang") ?? null, targetLang: attrOf(root, "trgLang") ?? null, units };
}
