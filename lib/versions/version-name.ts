import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import { EXPORT_FORMAT_KEYS, isExportFormat } from "@/lib/exchange/format-ids";
import { configuredTimeZone, createFormatter } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

const CATALOGS = { en, "zh-CN": zhCN } as const;

/**
 * Versions made by sign-off and by exports store a neutral name (issue 15): the sign-off's is
 * this word, an export's is its format id ("docx-review"). The interface names them from the
 * version's kind, author and time in the reader's language — "Signed off by Ann, 2026-12-01 11:48"
 * / "由 Ann 签发，2026-12-01 11:48". A name typed by hand, and names stored before this (English
 * sentences), are shown as they are.
 */
export const SIGNOFF_LABEL = "signoff";

export interface NamedVersion {
  label: string;
  /** manual | signoff | export */
  reason: string;
  authorName: string | null;
  createdAt: Date | string;
}

/** A version's name as people read it, in a language (dates in DUIZHAO_TIME_ZONE unless given). */
export function versionName(version: NamedVersion, locale: Locale, timeZone = configuredTimeZone()): string {
  const t = createTranslator({ locale, messages: CATALOGS[locale], namespace: "versions.names" });
  const at = () => createFormatter(locale, timeZone).dateTime(new Date(version.createdAt));
  if (version.reason === "signoff" && version.label === SIGNOFF_LABEL) return t("signedOff", { by: version.authorName ?? "—", at: at() });
  if (version.reason === "export" && isExportFormat(version.label)) {
    const formats = createTranslator({ locale, messages: CATALOGS[locale], namespace: "exchange.formats" });
    // The format's name without its extension: "Export Word review table, bilingual, 2026-12-01 11:48".
    const format = formats(EXPORT_FORMAT_KEYS[version.label]).replace(/\s*\(\.[a-z]+\)$/, "");
    return t("exported", { format, at: at() });
  }
  return version.label;
}

/** The current text as one end of a comparison ("Now"). */
export function nowName(locale: Locale): string {
  const t = createTranslator({ locale, messages: CATALOGS[locale], namespace: "versions.names" });
  return t("now");
}
