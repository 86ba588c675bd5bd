import type { ExchangeDocument } from "./exchange-model";
import { streamXmlElements } from "./xml-stream";
import { attrOf, childElements, escapeXml as x, findAll, ImportRefused, parseUntrustedXml, tagOf, textOf, type XmlNode } from "./xml";

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
export function readTmx(xml: string): TmxContent {
  const nodes = parseUntrustedXml(xml);
  const root = nodes.find((n) => tagOf(n) === "tmx");
  if (!root) throw new ImportRefused("not-tmx");
  const reader = new TmxReader();
  const header = findAll([root], "header")[0];
  if (header) reader.add(header);
  for (const tu of findAll([root], "tu")) reader.add(tu);
  return reader.content();
}

/**
 * The same, read in steps that give the event loop a turn every few milliseconds: for large
 * files (a 100,000-unit memory) on the server. Same units, same refusals.
 */
export async function readTmxStream(data: Uint8Array): Promise<TmxContent> {
  const reader = new TmxReader();
  const { root } = await streamXmlElements(data, new Set(["header", "tu"]), (node) => reader.add(node));
  if (root !== "tmx") throw new ImportRefused("not-tmx");
  return reader.content();
}

export interface TmxContent {
  sourceLang: string;
  targetLang: string | null;
  units: TmxUnit[];
}

/** Turns the header and each <tu>, in document order, into units. */
class TmxReader {
  private sourceLang = "";
  private targetLang: string | null = null;
  private readonly units: TmxUnit[] = [];

  add(node: XmlNode) {
    if (tagOf(node) === "header") {
      this.sourceLang ||= attrOf(node, "srclang") ?? "";
      return;
    }
    const variants = childElements(node, "tuv").map((v) => ({ lang: attrOf(v, "lang") ?? "", text: childElements(v, "seg").map(textOf).join("") }));
    const source = variants.find((v) => v.lang.toLowerCase() === this.sourceLang.toLowerCase()) ?? variants[0];
    const target = variants.find((v) => v !== source);
    if (target && !this.targetLang) this.targetLang = target.lang;
    const kind = childElements(node, "prop").find((p) => attrOf(p, "type") === "x-kind");
    this.units.push({ id: attrOf(node, "tuid") ?? null, kind: kind ? textOf(kind) : null, source: source?.text ?? "", target: target?.text ?? "" });
  }

  content(): TmxContent {
    return { sourceLang: this.sourceLang, targetLang: this.targetLang, units: this.units };
  }
}
