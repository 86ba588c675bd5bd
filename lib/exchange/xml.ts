import { XMLParser, XMLValidator } from "fast-xml-parser";
import { ImportError } from "@/lib/documents/import-error";
import type { ErrorCode, ErrorParams } from "@/lib/http/coded-error";

/** A file that cannot be imported as it is (malformed, hostile, too big unpacked), said plainly. */
export class ImportRefused extends ImportError {
  constructor(code: ErrorCode, params: ErrorParams = {}) {
    super(code, "invalid-file", params);
    this.name = "ImportRefused";
  }
}

// Characters XML 1.0 cannot carry at all (C0 controls other than tab, LF, CR; lone surrogates; FFFE/FFFF).
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(INVALID_XML_CHARS, "").replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[ch]!);
}

/**
 * Deepest element nesting accepted. Real XLIFF, TMX, TBX and Word files stay far below it; a file
 * nested tens of thousands of levels deep is an attack on recursive readers and is refused.
 */
export const MAX_XML_DEPTH = 250;

/** The refusal of a file that declares its own entities (also the streaming reader's). */
export const declaresEntities = () => new ImportRefused("xml-entities");
/** The refusal of nesting deeper than MAX_XML_DEPTH (also the streaming reader's). */
export const tooDeep = () => new ImportRefused("xml-too-deep", { max: MAX_XML_DEPTH });

/**
 * Parses untrusted XML safely. A document type declaration with an internal subset (where
 * entities are declared: XXE, "billion laughs") is refused outright; an external DTD reference
 * (common in TMX files) is never fetched. Entities other than the five predefined ones and
 * character references are not expanded. Malformed XML is reported with line and column, and
 * nesting deeper than MAX_XML_DEPTH is refused by name.
 */
export function parseUntrustedXml(xml: string): XmlNode[] {
  const doctype = /<!DOCTYPE[^>[]*(\[)?/i.exec(xml);
  if (doctype?.[1] || /<!ENTITY/i.test(xml)) throw declaresEntities();
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: true });
  if (valid !== true) {
    throw new ImportRefused("xml-malformed", { line: valid.err.line, column: valid.err.col, problem: valid.err.msg });
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    preserveOrder: true,
    processEntities: true,
    htmlEntities: false,
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    removeNSPrefix: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: MAX_XML_DEPTH,
  });
  try {
    return parser.parse(xml) as XmlNode[];
  } catch (error) {
    // The parser enforces maxNestedTags itself (before any recursion) and says so in its message.
    if (error instanceof Error && /nested/i.test(error.message)) {
      throw tooDeep();
    }
    throw new ImportRefused("xml-unreadable", { problem: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * A node as fast-xml-parser gives it with preserveOrder: { tagName: children, ":@": attributes },
 * or { "#text": text }. Mixed content (inline tags inside a segment) keeps its order.
 */
export type XmlNode = Record<string, unknown>;

export function tagOf(node: XmlNode): string | null {
  for (const key of Object.keys(node)) if (key !== ":@") return key;
  return null;
}

export function childrenOf(node: XmlNode): XmlNode[] {
  const tag = tagOf(node);
  return tag && tag !== "#text" && Array.isArray(node[tag]) ? (node[tag] as XmlNode[]) : [];
}

export function attrOf(node: XmlNode, name: string): string | undefined {
  const attrs = node[":@"] as Record<string, string> | undefined;
  return attrs?.[name];
}

/** Direct children with this tag (namespace prefixes are removed by the parser). */
export function childElements(node: XmlNode, tag: string): XmlNode[] {
  return childrenOf(node).filter((c) => tagOf(c) === tag);
}

/** Every descendant (depth first, in document order) with this tag. */
export function findAll(nodes: XmlNode[], tag: string, out: XmlNode[] = []): XmlNode[] {
  for (const n of nodes) {
    if (tagOf(n) === tag) out.push(n);
    findAll(childrenOf(n), tag, out);
  }
  return out;
}

/** The text of an element and its descendants in order (inline tags contribute their text only). */
export function textOf(node: XmlNode): string {
  if ("#text" in node) return String(node["#text"]);
  return childrenOf(node).map(textOf).join("");
}

/**
 * Decodes an XML file by the rules of XML: a byte-order mark, else the encoding its declaration
 * names, else UTF-8 — strictly, so a file that says UTF-8 but is not (or mixes encodings) is
 * reported with the byte offset where it goes wrong, instead of being read as garbage.
 */
export function decodeXml(data: Uint8Array): string {
  const { encoding, body } = xmlEncoding(data);
  return strict(encoding, body);
}

/** The encoding an XML file says it is in (BOM, else declaration, else UTF-8) and the bytes after any BOM. */
export function xmlEncoding(data: Uint8Array): { encoding: string; body: Uint8Array } {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return { encoding: "utf-8", body: data.subarray(3) };
  if (data[0] === 0xff && data[1] === 0xfe) return { encoding: "utf-16le", body: data.subarray(2) };
  if (data[0] === 0xfe && data[1] === 0xff) return { encoding: "utf-16be", body: data.subarray(2) };
  const head = new TextDecoder("latin1").decode(data.subarray(0, 200));
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase() ?? "utf-8";
  const label = ["gb2312", "gbk", "gb18030", "x-gbk"].includes(declared) ? "gb18030" : declared;
  try {
    return { encoding: new TextDecoder(label, { fatal: true }).encoding, body: data };
  } catch {
    throw new ImportRefused("xml-encoding-unsupported", { encoding: declared });
  }
}

/** The refusal for bytes that are not valid in `encoding` (with the offset of the first bad one for UTF-8). */
export function badEncoding(encoding: string, data: Uint8Array): ImportRefused {
  const at = encoding === "utf-8" ? firstInvalidUtf8(data) : -1;
  return at >= 0 ? new ImportRefused("xml-invalid-bytes-at", { encoding: encoding.toUpperCase(), offset: at }) : new ImportRefused("xml-invalid-bytes", { encoding: encoding.toUpperCase() });
}

function strict(encoding: string, data: Uint8Array): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(data);
  } catch {
    // Find where: decode growing prefixes would be slow; scan for the first invalid UTF-8 sequence.
    throw badEncoding(encoding, data);
  }
}

function firstInvalidUtf8(data: Uint8Array): number {
  for (let i = 0; i < data.length; ) {
    const b = data[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (!length) return i;
    for (let k = 1; k < length; k++) if (((data[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}
