import type { Locale } from "./locales";

/** The catalog of a language (messages/<locale>.json), loaded on demand so a request carries only its own. */
export async function loadMessages(locale: Locale): Promise<Messages> {
  return locale === "zh-CN" ? (await import("@/messages/zh-CN.json")).default : (await import("@/messages/en.json")).default;
}

export type Messages = typeof import("@/messages/en.json");
