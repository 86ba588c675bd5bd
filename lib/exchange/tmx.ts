import type { ExchangeDocument } from "./exchange-model";
import { attrOf, childElements, escapeXml as x, findAll, ImportRefused, parseUntrustedXml, tagOf, textOf } from "./xml";

/** TMX 1.4b of the given segments (the caller passes approved ones): readable by any TM tool. */
export function* tmx(doc: ExchangeDocument): Generator<string> {
  const now = doc.exportedAt.replace(/[-:]/g, "").replace(/\.\d+/, "");
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n`;
  yield ` <header creationtool="Duizhao" creationtoolversion="1" segtype="paragraph" o-tmf="duizhao" adminlang="en" srclang="${x(doc.sourceLang)}" datatype="plaintext" creationdate="${now}"/>\n <body>\n`;
  for (const s of doc.segments) {
    yield `  <tu tuid="${x(s.id)}"><prop type="x-kind">${x(s.kind)}</prop><tuv xml:lang="${x(doc.sourceLang)}"><seg>${x(s.source)}</seg></tuv><tuv xml:lang="${x(doc.targetLang)}"><seg>${x(s.target)}</seg></tuv></tu>\n`;
  }
  yield " </body>\n</tmx>\n";
}

export interface TmxUnit {
  id: string | null;
  kind: string | null;
  source: string;
  target: string;
}

/** Reads translation units: the source is the header's srclang; the target the other language. */
export function readTmx(xml: string): { sourceLang: string; targetLang: string | null; units: TmxUnit[] } {
  const nodes = parseUntrustedXml(xml);
  const root = nodes.find((n) => tagOf(n) === "tmx");
  if (!root) throw new ImportRefused("not-tmx");
  const header = findAll([root], "header")[0];
  const sourceLang = (header && attrOf(header, "srclang")) || "";
  let targetLang: string | null = null;
  const units = findAll([root], "tu").map((tu) => {
    const variants = childElements(tu, "tuv").map((v) => ({ lang: attrOf(v, "lang") ?? "", text: childElements(v, "seg").map(textOf).join("") }));
    const source = variants.find((v) => v.lang.toLowerCase() === sourceLang.toLowerCase()) ?? variants[0];
    const target = variants.find((v) => v !== source);
    if (target && !targetLang) targetLang = target.lang;
    const kind = childElements(tu, "prop").find((p) => attrOf(p, "type") === "x-kind");
    return { id: attrOf(tu, "tuid") ?? null, kind: kind ? textOf(kind) : null, source: source?.text ?? "", target: target?.text ?? "" };
  });
  return { sourceLang, targetLang, units };
}
