// Types next-intl's hooks by the catalogs: t("nav.projects") compiles only when the English
// catalog has that key (the catalog test then holds zh-CN to the same keys).
import type { Locale } from "@/lib/i18n/locales";
import type en from "@/messages/en.json";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
