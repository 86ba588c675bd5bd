/** Issue 15: one formatter, ISO-like dates in both languages, language-specific relative times and numbers. */
import { describe, expect, it } from "vitest";
import { configuredTimeZone, createFormatter } from "@/lib/i18n/format";
import { cookieValue, localeFromAcceptLanguage, negotiateLocale, requestLocale } from "@/lib/i18n/locales";

const at = new Date("2026-12-01T11:48:41.500Z");

describe("the formatter", () => {
  it("writes the same unambiguous date and time in English and Chinese", () => {
    for (const locale of ["en", "zh-CN"] as const) {
      const f = createFormatter(locale, "UTC");
      expect(f.dateTime(at)).toBe("2026-12-01 11:48");
      expect(f.dateTimeSeconds(at.toISOString())).toBe("2026-12-01 11:48:41");
      expect(f.date(at.getTime())).toBe("2026-12-01");
      expect(f.time(at)).toBe("11:48");
    }
  });

  it("shows the configured time zone, across midnight, on a 24-hour clock", () => {
    const f = createFormatter("en", "Asia/Shanghai");
    expect(f.dateTime(new Date("2026-12-01T20:05:00Z"))).toBe("2026-12-02 04:05");
    expect(createFormatter("en", "UTC").dateTime(new Date("2026-12-01T00:05:00Z"))).toBe("2026-12-01 00:05");
    expect(configuredTimeZone({ DUIZHAO_TIME_ZONE: "Asia/Shanghai" })).toBe("Asia/Shanghai");
    expect(configuredTimeZone({ DUIZHAO_TIME_ZONE: "Mars/Olympus" })).toBe("UTC");
    expect(configuredTimeZone({})).toBe("UTC");
  });

  it("writes relative times in the language", () => {
    const now = at.getTime();
    const en = createFormatter("en", "UTC");
    const zh = createFormatter("zh-CN", "UTC");
    expect(en.relative(now - 3 * 60_000, now)).toBe("3 minutes ago");
    expect(zh.relative(now - 3 * 60_000, now)).toBe("3分钟前");
    expect(en.relative(now - 10_000, now)).toBe("now");
    expect(zh.relative(now - 10_000, now)).toBe("现在");
    expect(en.relative(now - 5 * 3600_000, now)).toBe("5 hours ago");
    expect(zh.relative(now + 2 * 86400_000, now)).toBe("后天");
    expect(en.relative(now - 3 * 86400_000, now)).toBe("3 days ago");
    expect(en.relative("not a date", now)).toBe("");
    expect(en.dateTime("not a date")).toBe("");
  });

  it("writes numbers, percentages and lists in the language", () => {
    const en = createFormatter("en", "UTC");
    const zh = createFormatter("zh-CN", "UTC");
    expect(en.number(1234567)).toBe("1,234,567");
    expect(zh.number(1234567)).toBe("1,234,567");
    expect(en.number(2.345, { maximumFractionDigits: 2 })).toBe("2.35");
    expect(en.percent(0.531)).toBe("53%");
    expect(zh.percent(0.531)).toBe("53%");
    expect(en.list(["A", "B", "C"])).toBe("A, B, and C");
    expect(zh.list(["甲", "乙", "丙"])).toBe("甲、乙和丙");
    expect(en.list(["草稿：3", "B: 2"], "plain")).toBe("草稿：3, B: 2");
    expect(zh.list(["草稿：3", "已批准：5"], "plain")).toBe("草稿：3，已批准：5");
  });

  it("is built once per language and zone", () => {
    expect(createFormatter("zh-CN", "UTC")).toBe(createFormatter("zh-CN", "UTC"));
  });
});

describe("choosing the language", () => {
  it("reads Accept-Language: Simplified Chinese tags are zh-CN, Traditional ones are not", () => {
    for (const header of ["zh", "zh-CN", "zh-cn,zh;q=0.9", "zh-Hans", "zh-SG", "zh-Hans-HK", "fr;q=0.9, zh-CN;q=0.8, en;q=0.5"]) expect(localeFromAcceptLanguage(header), header).toBe("zh-CN");
    for (const header of ["en-US,en;q=0.9", "en-GB", "zh-TW;q=0.2, en;q=0.9", "de, en;q=0.1"]) expect(localeFromAcceptLanguage(header), header).toBe("en");
    for (const header of ["zh-TW", "zh-Hant", "zh-HK", "de-DE", "", "zh-CN;q=0", null]) expect(localeFromAcceptLanguage(header), String(header)).toBeNull();
  });

  it("prefers the person's setting, then the cookie, then the browser, then English", () => {
    expect(negotiateLocale({ userLocale: "en", cookie: "zh-CN", acceptLanguage: "zh" })).toBe("en");
    expect(negotiateLocale({ userLocale: null, cookie: "zh-CN", acceptLanguage: "en" })).toBe("zh-CN");
    expect(negotiateLocale({ userLocale: "klingon", cookie: "xx", acceptLanguage: "zh-Hans" })).toBe("zh-CN");
    expect(negotiateLocale({})).toBe("en");
  });

  it("reads a Request's cookie and headers", () => {
    const request = new Request("http://x/", { headers: { cookie: "a=1; locale=zh-CN; b=%E4", "accept-language": "en" } });
    expect(requestLocale(request)).toBe("zh-CN");
    expect(requestLocale(request, "en")).toBe("en");
    expect(cookieValue("b=%E4", "b")).toBeNull();
    expect(requestLocale(new Request("http://x/", { headers: { "accept-language": "zh-SG" } }))).toBe("zh-CN");
  });
});

describe("names the server stores neutrally, worded per language", () => {
  it("a version made by sign-off or by an export is named from its kind, author and time; a hand-made or older name stays", async () => {
    const { versionName, SIGNOFF_LABEL } = await import("@/lib/versions/version-name");
    const at = new Date("2026-12-01T03:48:00Z");
    const signoff = { label: SIGNOFF_LABEL, reason: "signoff", authorName: "Ann", createdAt: at };
    expect(versionName(signoff, "en", "UTC")).toBe("Signed off by Ann, 2026-12-01 03:48");
    expect(versionName(signoff, "zh-CN", "Asia/Shanghai")).toBe("由 Ann 签发，2026-12-01 11:48");
    const exported = { label: "docx-review", reason: "export", authorName: null, createdAt: at.toISOString() };
    expect(versionName(exported, "en", "UTC")).toBe("Export Word review table, bilingual, 2026-12-01 03:48");
    expect(versionName(exported, "zh-CN", "UTC")).toBe("导出 Word 双语审校表，2026-12-01 03:48");
    expect(versionName({ label: "Sent to client", reason: "manual", authorName: "Ann", createdAt: at }, "zh-CN")).toBe("Sent to client");
    // Stored before names were neutral: shown as stored.
    expect(versionName({ label: "Export CSV for Excel, 2026-11-30 10:00 UTC", reason: "export", authorName: null, createdAt: at }, "zh-CN")).toBe("Export CSV for Excel, 2026-11-30 10:00 UTC");
  });

  it("job phases are codes, each with a label in both catalogs", async () => {
    const { JOB_PHASES } = await import("@/lib/jobs/phases");
    const { startJob, jobProgress } = await import("@/lib/jobs/registry");
    const en = (await import("@/messages/en.json")).default;
    const zh = (await import("@/messages/zh-CN.json")).default;
    for (const phase of JOB_PHASES) {
      expect(en.common.job.phases).toHaveProperty([phase]);
      expect(zh.common.job.phases).toHaveProperty([phase]);
    }
    // Shown as "{label}: {phase}…" while the work goes on: in Chinese every phase is said the same
    // way, as going on now (正在…), never a bare verb (读取文档 reads as a heading or a command).
    for (const [phase, label] of Object.entries(zh.common.job.phases)) expect(label, phase).toMatch(/^正在/);
    for (const [phase, label] of Object.entries(en.common.job.phases)) expect(label, phase).toMatch(/^[a-z]+ing\b/);
    const job = startJob("phase-test-0001", "u1", "test");
    job.phase("comparingMemory", 10);
    expect(jobProgress("phase-test-0001", "u1")).toMatchObject({ phase: "comparingMemory", total: 10 });
    job.phase("addingTerms", 3);
    expect(jobProgress("phase-test-0001", "u1")?.phase).toBe("addingTerms");
  });
});
