import { SaxesParser } from "saxes";
import { TimeSlicer } from "@/lib/jobs/time-slice";
import { badEncoding, declaresEntities, ImportRefused, MAX_XML_DEPTH, tooDeep, xmlEncoding, type XmlNode } from "./xml";

/** Bytes decoded per step, and characters parsed per step (saxes reads a few MB/s: 8K is a few ms at most). */
const DECODE_STEP = 256 * 1024;
const PARSE_STEP = 8 * 1024;

/**
 * Reads a large XML file (a 100,000-unit TMX, a 30,000-term TBX) in steps, giving the event loop
 * a turn every few milliseconds: fast-xml-parser reads a whole document in one synchronous call
 * (11 s for a 28 MB TMX, during which the server answered nothing). saxes is a streaming,
 * non-validating XML parser that checks well-formedness as it goes and never expands entities
 * beyond XML's five and character references.
 *
 * The same rules as `parseUntrustedXml`: strict decoding by BOM or declaration, a DOCTYPE with an
 * internal subset refused, nesting beyond MAX_XML_DEPTH refused, malformed XML reported with line
 * and column. Namespace prefixes are dropped from names (xml:lang → lang), as there.
 *
 * Each element named in `wanted` (outermost only) is handed to `onElement` as an XmlNode in
 * fast-xml-parser's preserveOrder shape, so readers share xml.ts's helpers with the one-shot path.
 * Answers the root element's name.
 */
export async function streamXmlElements(data: Uint8Array, wanted: ReadonlySet<string>, onElement: (node: XmlNode) => void): Promise<{ root: string | null }> {
  const { encoding, body } = xmlEncoding(data);
  const parser = new SaxesParser({ position: true });
  const slicer = new TimeSlicer();
  let root: string | null = null;
  let depth = 0;
  // The element being collected (outermost wanted one) and its open descendants.
  const open: { node: XmlNode; children: XmlNode[] }[] = [];
  let failure: Error | null = null;
  const local = (name: string) => name.slice(name.indexOf(":") + 1);

  parser.on("error", (error) => {
    failure ??= new ImportRefused("xml-malformed", { line: parser.line, column: parser.column, problem: error.message.replace(/^[^:]*:\d+:\d+: /, "") });
  });
  parser.on("doctype", (doctype) => {
    if (doctype.includes("[")) failure ??= declaresEntities();
  });
  parser.on("opentag", (tag) => {
    depth++;
    if (depth > MAX_XML_DEPTH) failure ??= tooDeep();
    const name = local(tag.name);
    root ??= name;
    if (!open.length && !wanted.has(name)) return;
    const children: XmlNode[] = [];
    const node: XmlNode = { [name]: children };
    const attributes = Object.entries(tag.attributes as Record<string, string>).filter(([key]) => key !== "xmlns" && !key.startsWith("xmlns:"));
    if (attributes.length) node[":@"] = Object.fromEntries(attributes.map(([key, value]) => [local(key), value]));
    open.at(-1)?.children.push(node);
    open.push({ node, children });
  });
  parser.on("closetag", () => {
    depth--;
    const closed = open.pop();
    if (closed && !open.length) onElement(closed.node);
  });
  const text = (value: string) => {
    if (open.length) open.at(-1)!.children.push({ "#text": value });
  };
  parser.on("text", text);
  parser.on("cdata", text);

  const decoder = new TextDecoder(encoding, { fatal: true });
  for (let offset = 0; offset < body.length || offset === 0; offset += DECODE_STEP) {
    let chunk: string;
    try {
      chunk = decoder.decode(body.subarray(offset, offset + DECODE_STEP), { stream: offset + DECODE_STEP < body.length });
    } catch {
      throw badEncoding(encoding, body);
    }
    for (let at = 0; at < chunk.length; at += PARSE_STEP) {
      parser.write(chunk.slice(at, at + PARSE_STEP));
      if (failure) throw failure;
      await slicer.maybeYield();
    }
    if (offset + DECODE_STEP >= body.length) break;
  }
  parser.close();
  if (failure) throw failure;
  return { root };
}
