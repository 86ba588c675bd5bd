/**
 * Words whose numeral characters the number check must not read as a number to be translated.
 *
 * Reviewed by hand from the 371 CC-CEDICT entries in which the Chinese number reader would find a
 * number (a run with 十, a run of two or more numerals, or 第 + numeral; list them again with
 * `npx tsx scripts/qa/numeral-word-candidates.mts`), plus newspaper words CC-CEDICT lacks.
 * A word list rather than a word segmenter: the editor runs the check in the browser on every
 * save, and `Intl.Segmenter` both costs far more than one regular expression and segments
 * differently across ICU versions, so the editor, the CLI and the server would disagree.
 */

export interface NumeralWord {
  word: string;
  /** The word does not count when the next character is one of these (十分钟 is ten minutes). */
  notBefore?: string;
  /** The word counts only when the next character is one of these (千万不要 "by all means", but 千万元). */
  onlyBefore?: string;
  /** A holiday named by its date (七一 = July 1): the month and day a translation may give. */
  date?: [month: number, day: number];
  /**
   * Numbers an English translation may spell out but need not ("the front line" or "the first
   * line" for 第一线); none when the translation would never show a number (十分 "very").
   */
  implied?: number[];
}

/** Numerals that are not numbers: adverbs, idioms, names, slang. */
const NOT_NUMBERS: NumeralWord[] = [
  { word: "十分", notBefore: "钟之" }, // very; 十分钟 ten minutes, 十分之一 one tenth
  { word: "十二分" }, // extremely
  { word: "十足" },
  { word: "十字" }, // cross, crossroads, the Red Cross, the Crusades
  { word: "十全十美" },
  { word: "十全" },
  { word: "十有八九" },
  { word: "十之八九" },
  { word: "八九不离十" },
  { word: "十拿九稳" },
  { word: "十成九稳" },
  { word: "十万火急" },
  { word: "十恶不赦" },
  { word: "十锦" },
  { word: "十里洋场" },
  { word: "十面埋伏" },
  { word: "十三点" }, // a silly person (Shanghainese)
  { word: "十动然拒" },
  { word: "五光十色" },
  { word: "闻一知十" },
  { word: "一目十行" },
  { word: "目下十行" },
  { word: "一暴十寒" },
  { word: "一曝十寒" },
  { word: "万一" }, // just in case
  { word: "以防万一" },
  { word: "万万" }, // by no means
  { word: "万千" }, // myriad
  { word: "亿万" }, // countless (亿万富翁 a billionaire)
  { word: "千千万万" },
  { word: "千万", onlyBefore: "不别要莫勿记注务得可当" }, // 千万不要 by all means not; 超千万美元 is a number
  { word: "正经八百" },
  { word: "七老八十" },
  { word: "二百五" }, // a fool
  { word: "三七二十一" }, // 不管三七二十一 regardless
  { word: "各打五十大板" },
  { word: "此地无银三百两" },
  { word: "行百里者半九十" },
  { word: "二百方针" },
  { word: "一百一" }, // faultless
  { word: "一力降十会" },
  { word: "十成" }, // completely
  { word: "十指不沾阳春水" },
  { word: "板板六十四" }, // rigid
  { word: "三百六十行" }, // all walks of life
  { word: "十一路" }, // on foot (slang)
  { word: "十三张" }, // a card game
  { word: "十堰" }, // Shiyan, a city in Hubei
  { word: "五十铃" }, // Isuzu
  { word: "明十三陵" }, // the Ming Tombs
  { word: "十二指肠" }, // duodenum
  { word: "十四行诗" }, // sonnet
  { word: "十项全能" }, // decathlon
  { word: "十进制" },
  { word: "十进位" },
  { word: "十六进制" }, // hexadecimal
  { word: "百万赫兹" }, // megahertz
  { word: "百年大计" }, // a matter of lasting importance
  { word: "百年树人" },
  { word: "百年好合" },
];

/** Words that imply a number the English may or may not write. */
const IMPLIED: NumeralWord[] = [
  { word: "第一时间", implied: [1] }, // immediately
  { word: "第一线", implied: [1] }, // the front line
  { word: "第一手", implied: [1] },
  { word: "第一把手", implied: [1] },
  { word: "一把手", implied: [1] },
  { word: "第一桶金", implied: [1] },
  { word: "第一产业", implied: [1] }, // primary industry
  { word: "第二产业", implied: [2] }, // secondary industry
  { word: "第三产业", implied: [3] }, // tertiary (service) industry
  { word: "第三者", implied: [3] },
  { word: "第六感", implied: [6] },
  { word: "第一炮", implied: [1] }, // the opening shot
  { word: "第二天", implied: [2] }, // the next day
  { word: "第二次世界大战", implied: [2] }, // World War II
  { word: "北京第二外国语学院", implied: [2] }, // Beijing International Studies University
  { word: "百强", implied: [100] }, // the top 100
  { word: "百分百", implied: [100] },
  { word: "百万富翁", implied: [1e6] },
  { word: "双十一", implied: [11] }, // Singles' Day
  { word: "双11", implied: [11] },
  { word: "十一黄金周", implied: [10, 1] }, // National Day Golden Week (October 1)
  { word: "十一长假", implied: [10, 1] },
  { word: "十一假期", implied: [10, 1] },
  { word: "七一", date: [7, 1] }, // the Party's anniversary
  { word: "五一", date: [5, 1] }, // May Day
  { word: "五四", date: [5, 4] }, // Youth Day
  { word: "六一", date: [6, 1] }, // Children's Day
  { word: "八一", date: [8, 1] }, // Army Day
  { word: "大年三十", implied: [30] }, // Chinese New Year's Eve
  { word: "年三十", implied: [30] },
  { word: "百十", implied: [100] },
  { word: "百儿八十", implied: [100] },
  { word: "千儿八百", implied: [1000] },
  { word: "万儿八千", implied: [1e4] },
];

export const NUMERAL_WORDS: readonly NumeralWord[] = [...NOT_NUMBERS, ...IMPLIED];

export interface NumeralWordHit {
  start: number;
  end: number;
  entry: NumeralWord;
}

const NUMERAL = "零〇一二两三四五六七八九十百千万亿";
const byWord = new Map(NUMERAL_WORDS.map((w) => [w.word, w]));
// Longest first, so 以防万一 wins over 万一 and 千千万万 over 千万.
const WORD_PATTERN = new RegExp(
  [...byWord.keys()]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("|"),
  "g",
);
const ANY_NUMERAL = /[零〇一二两三四五六七八九十百千万亿\d]/;

/**
 * Where the lexicon's words occur in a Chinese text. A word glued to a longer numeral is no word
 * (三十分钟 is thirty minutes, not 三 + 十分), and the context rules of each entry apply.
 */
export function findNumeralWords(text: string): NumeralWordHit[] {
  if (!ANY_NUMERAL.test(text)) return [];
  const hits: NumeralWordHit[] = [];
  for (const m of text.matchAll(WORD_PATTERN)) {
    const entry = byWord.get(m[0])!;
    const start = m.index!;
    const end = start + m[0].length;
    const before = text[start - 1] ?? "";
    const after = text[end] ?? "";
    if (NUMERAL.includes(m[0][0]!) && before && (NUMERAL.includes(before) || /\d/.test(before))) continue;
    if (NUMERAL.includes(m[0][m[0].length - 1]!) && after && /[\d零〇一二两三四五六七八九十百千]/.test(after)) continue;
    if (entry.notBefore && after && entry.notBefore.includes(after)) continue;
    if (entry.onlyBefore && !(after && entry.onlyBefore.includes(after))) continue;
    hits.push({ start, end, entry });
  }
  return hits;
}
