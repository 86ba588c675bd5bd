import { ImportError } from "./import-error";

export type TextEncodingName = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "gb18030";

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/** File signatures of formats people upload by mistake, with a hint of what to do instead. */
/** `what` selects the file type's name in the `errors.binary-signature` message. */
const KNOWN_BINARY_SIGNATURES: { bytes: number[]; what: "zip" | "pdf" | "ole" | "png" | "jpeg" | "gif" | "gzip" | "rtf" }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: "zip" },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: "pdf" },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: "ole" },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: "png" },
  { bytes: [0xff, 0xd8, 0xff], what: "jpeg" },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: "gif" },
  { bytes: [0x1f, 0x8b], what: "gzip" },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: "rtf" },
];


function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

function decodeStrict(bytes: Uint8Array, label: string): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** C0 controls other than tab, line feed, form feed and carriage return mark binary data. */
const BINARY_CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f]/;

function assertLooksLikeText(text: string): void {
  if (BINARY_CONTROL.test(text)) {
    throw new ImportError("binary-data", "binary");
  }
}

/**
 * UTF-16 without a byte-order mark: ASCII characters (line breaks, digits, Latin words) put a
 * zero byte in every other position. Chinese text has fewer of them, so a modest share is enough,
 * as long as the zeros sit on one side only.
 */
function guessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (bytes.length < 2 || bytes.length % 2 !== 0) return null;
  const sample = bytes.subarray(0, Math.min(bytes.length, 64 * 1024));
  let zerosEven = 0;
  let zerosOdd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) zerosEven++;
      else zerosOdd++;
    }
  }
  // Chinese text has ASCII only in line breaks and numbers: a few zeros in a thousand suffice.
  // The other side is rarely zero too (一 is U+4E00), so ask for a clear majority, not none.
  const enough = Math.max(2, (sample.length / 2) * 0.005);
  if (zerosOdd >= enough && zerosEven * 5 <= zerosOdd) return "utf-16le";
  if (zerosEven >= enough && zerosOdd * 5 <= zerosEven) return "utf-16be";
  // Too short for the count to decide (a line of Chinese with 一, U+4E00, has its zero on the
  // "wrong" side): text never holds zero bytes in UTF-8 or GB18030, so read it both ways and keep
  // the reading that is plainly text.
  if (zerosEven + zerosOdd === 0) return null;
  // On a tie (一 alone is "N" the other way round) the reading with Chinese in it wins: this is a
  // Chinese translation tool.
  const score = (label: "utf-16le" | "utf-16be") => {
    const text = decodeStrict(sample, label);
    return plausibleTextShare(text) + (text && /[\u3400-\u9fff]/.test(text) ? 0.001 : 0);
  };
  const [le, be] = [score("utf-16le"), score("utf-16be")];
  if (le >= 0.95 && le >= be) return "utf-16le";
  if (be >= 0.95 && be > le) return "utf-16be";
  return null;
}

/** Share of characters found in ordinary Chinese or English text (0 for no reading at all). */
function plausibleTextShare(text: string | null): number {
  if (!text) return 0;
  let plausible = 0;
  let total = 0;
  for (const ch of text) {
    total++;
    const cp = ch.codePointAt(0) ?? 0;
    if (
      (cp >= 0x20 && cp < 0x7f) ||
      cp === 0x09 ||
      cp === 0x0a ||
      cp === 0x0d ||
      (cp >= 0xa0 && cp <= 0xff) || // Latin-1 letters and signs
      (cp >= 0x2000 && cp <= 0x206f) || // general punctuation
      (cp >= 0x3000 && cp <= 0x303f) || // CJK punctuation
      (cp >= 0x3400 && cp <= 0x4dbf) || // CJK extension A
      (cp >= 0x4e00 && cp <= 0x9fff) || // CJK ideographs
      (cp >= 0xff00 && cp <= 0xffef) // full-width forms
    ) {
      plausible++;
    }
  }
  return total ? plausible / total : 0;
}

/**
 * Share of multi-byte characters in the GB2312 area (lead and trail bytes A1–FE, lead ≤ F7),
 * where everyday simplified Chinese and its punctuation live. Shift-JIS or EUC-KR bytes also decode
 * as GB18030, but mostly to rare characters outside that area.
 */
function gb2312Share(bytes: Uint8Array): number {
  let multi = 0;
  let common = 0;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i]!;
    if (lead < 0x80) continue;
    multi++;
    const trail = bytes[i + 1] ?? 0;
    if (trail >= 0x30 && trail <= 0x39) {
      i += 3; // four-byte GB18030 sequence
      continue;
    }
    if (lead >= 0xa1 && lead <= 0xf7 && trail >= 0xa1 && trail <= 0xfe) common++;
    i++;
  }
  return multi === 0 ? 0 : common / multi;
}

/**
 * GB18030 can decode many byte sequences that were never Chinese text (Latin-1, Shift-JIS…).
 * Accept its reading only if it is overwhelmingly ordinary Chinese, ASCII and CJK punctuation.
 */
function isPlausibleChinese(text: string): boolean {
  let plausible = 0;
  let total = 0;
  let ideographs = 0;
  for (const ch of text) {
    total++;
    const cp = ch.codePointAt(0) ?? 0;
    const ideograph = cp >= 0x4e00 && cp <= 0x9fff;
    if (ideograph) ideographs++;
    if (
      ideograph ||
      cp < 0x80 ||
      (cp >= 0x3000 && cp <= 0x303f) || // CJK punctuation
      (cp >= 0xff00 && cp <= 0xffef) || // full-width forms
      (cp >= 0x2010 && cp <= 0x2027) || // dashes, quotes, ellipsis
      cp === 0xb7
    ) {
      plausible++;
    }
  }
  return total > 0 && ideographs > 0 && plausible / total >= 0.97;
}

/**
 * Decodes an uploaded text file: UTF-8 (with or without BOM), UTF-16 (LE/BE, with or without
 * BOM) and GB18030 (which includes GBK and GB2312). Anything else is refused with a message that
 * says what the file seems to be; nothing is guessed silently.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new ImportError("file-empty", "empty");

  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const text = decodeStrict(bytes.subarray(3), "utf-8");
    if (text === null) throw new ImportError("bad-utf8", "unknown-encoding");
    assertLooksLikeText(text);
    return { text, encoding: "utf-8-bom" };
  }
  for (const [bom, label] of [
    [[0xff, 0xfe], "utf-16le"],
    [[0xfe, 0xff], "utf-16be"],
  ] as const) {
    if (startsWith(bytes, [...bom])) {
      const text = decodeStrict(bytes.subarray(2), label);
      if (text === null) throw new ImportError("bad-utf16", "unknown-encoding", { encoding: label.toUpperCase() });
      assertLooksLikeText(text);
      return { text, encoding: label };
    }
  }

  const signature = KNOWN_BINARY_SIGNATURES.find((s) => startsWith(bytes, s.bytes));
  if (signature) {
    throw new ImportError("binary-signature", "binary", { what: signature.what });
  }

  const utf16 = guessUtf16(bytes);
  if (utf16) {
    const text = decodeStrict(bytes, utf16);
    if (text !== null && !BINARY_CONTROL.test(text)) return { text, encoding: utf16 };
  }

  const utf8 = decodeStrict(bytes, "utf-8");
  if (utf8 !== null) {
    assertLooksLikeText(utf8);
    return { text: utf8, encoding: "utf-8" };
  }

  if (bytes.includes(0)) {
    throw new ImportError("binary-data", "binary");
  }

  const gb = decodeStrict(bytes, "gb18030");
  if (gb !== null && isPlausibleChinese(gb) && gb2312Share(bytes) >= 0.75) {
    assertLooksLikeText(gb);
    return { text: gb, encoding: "gb18030" };
  }

  throw new ImportError("unknown-encoding", "unknown-encoding");
}
