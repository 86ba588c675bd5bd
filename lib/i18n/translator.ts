import { createTranslator, type Messages, type NamespaceKeys, type NestedKeyOf } from "next-intl";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import type { Locale } from "./locales";
import { actionLocale } from "./request-locale";

const CATALOGS: Record<Locale, Messages> = { en, "zh-CN": zhCN };

/**
 * A translator for code outside a page render that knows its language: route handlers,
 * exports, e-mails. `translator("zh-CN", "exports")("heading")`.
 */
export function translator<NS extends NamespaceKeys<Messages, NestedKeyOf<Messages>>>(locale: Locale, namespace: NS) {
  return createTranslator({ locale, messages: CATALOGS[locale], namespace });
}

/**
 * A translator in the language of the request a server action serves (English outside a
 * request: tests, scripts). next-intl's getTranslations needs Next's request context and its
 * build-time configuration, which server actions called from tests do not have.
 */
export async function getActionTranslations<NS extends NamespaceKeys<Messages, NestedKeyOf<Messages>>>(namespace: NS) {
  return translator(await actionLocale(), namespace);
}
