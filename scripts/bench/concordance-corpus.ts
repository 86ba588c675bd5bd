/**
 * Realistic Chinese→English memory units for the concordance bench, never repeating: unit i is
 * the i-th tuple (month, year, place, zone, action, project, output clause) under a bijection of
 * 0…N−1 (a multiplier coprime with N), so 1,000,000 units are 1,000,000 different sentences
 * whose words recur as they do in a real memory of local economic news.
 */
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const YEARS = [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];
const PLACES: [string, string][] = [
  ["昆山", "Kunshan"], ["张家港", "Zhangjiagang"], ["太仓", "Taicang"], ["常熟", "Changshu"], ["吴江", "Wujiang"], ["苏州", "Suzhou"], ["无锡", "Wuxi"], ["南通", "Nantong"],
  ["江阴", "Jiangyin"], ["宜兴", "Yixing"], ["镇江", "Zhenjiang"], ["扬州", "Yangzhou"], ["泰州", "Taizhou"], ["常州", "Changzhou"], ["南京", "Nanjing"], ["嘉兴", "Jiaxing"],
  ["湖州", "Huzhou"], ["宁波", "Ningbo"], ["绍兴", "Shaoxing"], ["盐城", "Yancheng"], ["淮安", "Huai'an"], ["徐州", "Xuzhou"], ["连云港", "Lianyungang"], ["宿迁", "Suqian"],
];
const ZONES: [string, string][] = [
  ["高新区", "Hi-Tech Zone"], ["经济技术开发区", "Economic and Technological Development Zone"], ["综合保税区", "Comprehensive Bonded Zone"], ["工业园区", "Industrial Park"],
  ["自贸片区", "Free Trade Area"], ["科技城", "Science City"], ["港区", "Port Area"], ["新城", "New Town"], ["商务区", "Business District"], ["生态园", "Eco-Park"],
  ["临空经济区", "Airport Economic Zone"], ["软件园", "Software Park"],
];
const ACTIONS: [string, string][] = [
  ["启动建设", "started building"], ["签约引进", "signed up"], ["建成投产", "completed and put into production"], ["获批设立", "won approval for"], ["加快推进", "sped up work on"],
  ["正式开工", "broke ground on"], ["投资建设", "invested in"], ["揭牌成立", "unveiled"], ["扩建升级", "expanded and upgraded"], ["竣工验收", "completed and inspected"],
  ["集中签约", "signed a batch of agreements for"], ["试运行", "began trial operation of"],
];
const PROJECTS: [string, string][] = [
  ["新能源汽车零部件项目", "a new-energy vehicle parts project"], ["集成电路产业园", "an integrated-circuit industrial park"], ["质子医疗产业化基地", "a proton-therapy production base"],
  ["生物医药研发中心", "a biomedicine research and development centre"], ["智能制造示范工厂", "a smart-manufacturing demonstration factory"], ["跨境电商物流中心", "a cross-border e-commerce logistics centre"],
  ["人工智能创新中心", "an artificial-intelligence innovation centre"], ["光伏材料生产线", "a photovoltaic materials production line"], ["高端装备制造基地", "a high-end equipment manufacturing base"],
  ["大数据中心", "a big-data centre"], ["氢能产业园", "a hydrogen-energy industrial park"], ["半导体封装测试项目", "a semiconductor packaging and testing project"],
  ["现代物流园", "a modern logistics park"], ["科技企业孵化器", "a technology business incubator"], ["医疗器械产业园", "a medical-device industrial park"],
  ["新型显示面板项目", "a new display-panel project"], ["通信设备工厂", "a telecommunications equipment factory"], ["锂电池材料项目", "a lithium-battery materials project"],
  ["工业互联网平台", "an industrial internet platform"], ["绿色化工项目", "a green chemicals project"], ["机器人研发基地", "a robotics research base"], ["精密模具产业园", "a precision-mould industrial park"],
];
const OUTPUTS: [string, string][] = [
  ["，预计年产值", ", expected to produce an annual output of"], ["，预计年销售收入", ", expected to bring in annual sales of"], ["，预计年纳税", ", expected to pay annual taxes of"],
  ["，计划三年内实现产值", ", planned to reach an output of"], ["", ""],
];

const RADICES = [MONTHS.length, YEARS.length, PLACES.length, ZONES.length, ACTIONS.length, PROJECTS.length, OUTPUTS.length];
export const CORPUS_SIZE = RADICES.reduce((a, b) => a * b, 1);
/** Coprime with CORPUS_SIZE (checked below): i ↦ i·M mod N is a bijection, so no tuple comes twice. */
const MULTIPLIER = 1_000_003;
const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
if (gcd(MULTIPLIER, CORPUS_SIZE) !== 1) throw new Error("the corpus multiplier must be coprime with its size");

export interface Pair {
  source: string;
  target: string;
}

/** The i-th unit (0 ≤ i < CORPUS_SIZE). */
export function unit(i: number): Pair {
  let n = Number((BigInt(i) * BigInt(MULTIPLIER)) % BigInt(CORPUS_SIZE));
  const digit = (radix: number) => {
    const d = n % radix;
    n = Math.floor(n / radix);
    return d;
  };
  const [month, year, place, zone, action, project, output] = RADICES.map(digit) as number[];
  const invest = ((i * 37) % 480) / 10 + 1.2; // 1.2–49.1 亿元
  const yuan = (yi: number) => `${Math.round(yi * 100).toLocaleString("en")} million yuan`;
  const [placeZh, placeEn] = PLACES[place!]!;
  const [zoneZh, zoneEn] = ZONES[zone!]!;
  const [actionZh, actionEn] = ACTIONS[action!]!;
  const [projectZh, projectEn] = PROJECTS[project!]!;
  const [outputZh, outputEn] = OUTPUTS[output!]!;
  const yearN = YEARS[year!]!;
  const revenue = Math.round(invest * 1.7 * 10) / 10;
  return {
    source: `${yearN}年${month! + 1}月，${placeZh}${zoneZh}${actionZh}${projectZh}，总投资${invest.toFixed(1)}亿元${outputZh ? `${outputZh}${revenue}亿元` : ""}。`,
    target: `In ${MONTHS[month!]} ${yearN}, the ${placeEn} ${zoneEn} ${actionEn} ${projectEn} with a total investment of ${yuan(invest)}${outputEn ? `${outputEn} ${yuan(revenue)}` : ""}.`,
  };
}

/** Words that never occur in the corpus: queries that must find nothing. */
export const MISSES = ["深圳", "前海", "大湾区", "量子计算机", "海南自由贸易港", "雄安新区建设", "Shenzhen", "quantum computing", "Greater Bay Area", "offshore wind farm", "北京", "香港"];

/**
 * The same units made by PostgreSQL itself (`INSERT … SELECT FROM generate_series`), for loading a
 * million rows without sending them from Node: unit i of `unit(i)`, id `cb` + i zero-padded (so
 * newer means larger, as with the app's ordered ids). Figures can differ from `unit(i)` in the
 * last digit where JavaScript's float rounding and PostgreSQL's exact numerics disagree; the words
 * (everything the bench searches for) are the same.
 */
export function postgresInsert(from: number, to: number, shared: number, projectId: string): { text: string; params: unknown[] } {
  const zh = (list: [string, string][]) => list.map(([z]) => z);
  const en = (list: [string, string][]) => list.map(([, e]) => e);
  const params: unknown[] = [from, to - 1, shared, projectId, MONTHS, zh(PLACES), en(PLACES), zh(ZONES), en(ZONES), zh(ACTIONS), en(ACTIONS), zh(PROJECTS), en(PROJECTS), zh(OUTPUTS), en(OUTPUTS)];
  const text = `
INSERT INTO "MemoryUnit" ("id", "projectId", "source", "target", "sourceLang", "targetLang", "origin", "createdAt")
SELECT 'cb' || lpad(i::text, 10, '0'), CASE WHEN i < $3 THEN NULL ELSE $4 END,
  (2014 + d.year) || '年' || (d.month + 1) || '月，' || ($6::text[])[d.place + 1] || ($8::text[])[d.zone + 1] || ($10::text[])[d.action + 1] || ($12::text[])[d.project + 1]
    || '，总投资' || to_char(a.invest, 'FM990.0') || '亿元' || CASE WHEN ($14::text[])[d.output + 1] <> '' THEN ($14::text[])[d.output + 1] || trim_scale(a.revenue)::text || '亿元' ELSE '' END || '。',
  'In ' || ($5::text[])[d.month + 1] || ' ' || (2014 + d.year) || ', the ' || ($7::text[])[d.place + 1] || ' ' || ($9::text[])[d.zone + 1] || ' ' || ($11::text[])[d.action + 1] || ' ' || ($13::text[])[d.project + 1]
    || ' with a total investment of ' || to_char(round(a.invest * 100), 'FM999,999,990') || ' million yuan'
    || CASE WHEN ($15::text[])[d.output + 1] <> '' THEN ($15::text[])[d.output + 1] || ' ' || to_char(round(a.revenue * 100), 'FM999,999,990') || ' million yuan' ELSE '' END || '.',
  'zh-CN', 'en-US', 'tmx:bench.tmx', now() - ($2::bigint - i)::int * interval '1 second'
FROM generate_series($1::bigint, $2::bigint) AS i
CROSS JOIN LATERAL (SELECT (i * ${MULTIPLIER}::bigint) % ${CORPUS_SIZE}::bigint AS n) AS b
CROSS JOIN LATERAL (SELECT ${["month", "year", "place", "zone", "action", "project", "output"].map((name, k) => `(b.n / ${RADICES.slice(0, k).reduce((x, y) => x * y, 1)}) % ${RADICES[k]} AS ${name}`).join(", ")}) AS d
CROSS JOIN LATERAL (SELECT ((i * 37) % 480) / 10.0 + 1.2 AS invest) AS a0
CROSS JOIN LATERAL (SELECT a0.invest, round(a0.invest * 1.7, 1) AS revenue) AS a`;
  return { text, params };
}
