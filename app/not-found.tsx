import Link from "next/link";
import { useTranslations } from "next-intl";
import { ui } from "@/components/ui/page-header";

/** A page that does not exist, or one outside the person's projects (forPage answers 404 for both). */
export default function NotFound() {
  const t = useTranslations("common.notFound");
  return (
    <div className={ui.card} style={{ maxWidth: 480, margin: "48px auto", padding: 24 }}>
      <h1 className={ui.pageTitle}>{t("title")}</h1>
      <p>{t("help")}</p>
      <Link href="/">{t("home")}</Link>
    </div>
  );
}
