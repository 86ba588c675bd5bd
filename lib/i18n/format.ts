import type { Locale } from "./locales";

/**
 * The one formatter for dates, times, relative times and numbers (issue 15). Dates and times are
 * ISO-like in every language — "2026-12-01 11:48" reads the same to a Beijing and a London
 * reviewer and never swaps day and month — while relative times, numbers and lists follow the
 * language ("3 minutes ago" / "3分钟前", "1,234", "A, B and C" / "A、B和C").
 *
 * Server components: `const f = await getFormat()` (lib/i18n/server.ts); client components:
 * `const f = useFormat()` (lib/i18n/use-format.ts); elsewhere `createFormatter(locale, timeZone)`.
 * Intl objects are built once per language and zone: building one costs ~0.1 ms, and a history
 * panel formats hundreds of timestamps.
 */
export interface Formatter {
  readonly locale: Locale;
  readonly timeZone: string;
  /** "2026-12-01 11:48" */
  dateTime(value: DateInput): string;
  /** "2026-12-01 11:48:41" */
  dateTimeSeconds(value: DateInput): string;
  /** "2026-12-01" */
  date(value: DateInput): string;
  /** "11:48" */
  time(value: DateInput): string;
  /** "3 minutes ago" / "3分钟前", "in 2 days" / "2天后"; "now" / "现在" within 45 seconds. */
  relative(value: DateInput, now?: DateInput): string;
  /** "1,234", "0.75"; options as Intl.NumberFormat's (cached for the common ones). */
  number(value: number, options?: { maximumFractionDigits?: number; minimumFractionDigits?: number }): string;
  /** 0.531 → "53%" */
  percent(fraction: number): string;
  /** ["A", "B", "C"] → "A, B, and C" / "A、B和C"; "plain": "A, B, C" / "A，B，C" (a summary of figures). */
  list(items: readonly string[], kind?: "and" | "plain"): string;
}

export type DateInput = Date | string | number;

/** The time zone dates are shown in: DUIZHAO_TIME_ZONE (an IANA name such as Asia/Shanghai), else UTC. */
export function configuredTimeZone(env: Record<string, string | undefined> = process.env): string {
  const zone = env.DUIZHAO_TIME_ZONE?.trim();
  if (!zone) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return "UTC";
  }
}

const cache = new Map<string, Formatter>();

export function createFormatter(locale: Locale, timeZone = "UTC"): Formatter {
  const key = `${locale}|${timeZone}`;
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = build(locale, timeZone);
    cache.set(key, formatter);
  }
  return formatter;
}

function build(locale: Locale, timeZone: string): Formatter {
  // Each Intl object is made on first use: the first of a kind loads its ICU data (the date format
  // its time zone's, ~15 ms of CPU), which a caller that only counts — the command line's `qa` — never needs.
  // en-US with explicit parts and a 24-hour clock: only the digits are used, so the language does not matter.
  let parts: Intl.DateTimeFormat | undefined;
  const dateParts = () => (parts ??= new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }));
  let relativeFormat: Intl.RelativeTimeFormat | undefined;
  const relative = () => (relativeFormat ??= new Intl.RelativeTimeFormat(locale, { numeric: "auto" }));
  const numbers = new Map<string, Intl.NumberFormat>();
  const numberFormat = (options: Intl.NumberFormatOptions = {}) => {
    const k = JSON.stringify(options);
    let f = numbers.get(k);
    if (!f) numbers.set(k, (f = new Intl.NumberFormat(locale, options)));
    return f;
  };
  let listFormat: Intl.ListFormat | undefined;
  const list = () => (listFormat ??= new Intl.ListFormat(locale, { style: "long", type: "conjunction" }));

  const iso = (value: DateInput) => {
    const date = toDate(value);
    if (Number.isNaN(date.getTime())) return null;
    const p: Record<string, string> = {};
    for (const part of dateParts().formatToParts(date)) p[part.type] = part.value;
    return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}`, seconds: p.second ?? "00" };
  };

  return {
    locale,
    timeZone,
    dateTime: (v) => {
      const d = iso(v);
      return d ? `${d.date} ${d.time}` : "";
    },
    dateTimeSeconds: (v) => {
      const d = iso(v);
      return d ? `${d.date} ${d.time}:${d.seconds}` : "";
    },
    date: (v) => iso(v)?.date ?? "",
    time: (v) => iso(v)?.time ?? "",
    relative: (v, now = Date.now()) => {
      const seconds = (toDate(v).getTime() - toDate(now).getTime()) / 1000;
      if (!Number.isFinite(seconds)) return "";
      const abs = Math.abs(seconds);
      if (abs < 45) return relative().format(0, "second");
      for (const [unit, size, below] of RELATIVE_STEPS) {
        if (abs < below) return relative().format(Math.round(seconds / size), unit);
      }
      return relative().format(Math.round(seconds / YEAR), "year");
    },
    number: (value, options) => numberFormat(options).format(value),
    percent: (fraction) => numberFormat({ style: "percent", maximumFractionDigits: 0 }).format(fraction),
    list: (items, kind = "and") => (kind === "plain" ? items.join(locale === "zh-CN" ? "，" : ", ") : list().format(items)),
  };
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;
/** [unit, its length in seconds, the age (seconds) below which it is used]. */
const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number, number][] = [
  ["minute", MINUTE, 45 * MINUTE],
  ["hour", HOUR, 22 * HOUR],
  ["day", DAY, 26 * DAY],
  ["month", 30 * DAY, 320 * DAY],
];

function toDate(value: DateInput): Date {
  return value instanceof Date ? value : new Date(value);
}
