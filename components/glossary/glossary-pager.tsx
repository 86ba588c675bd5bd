import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getFormat } from "@/lib/i18n/server";
import { ui } from "@/components/ui/page-header";

/** Search over the glossary and the pages of its terms (a GET form: the URL says what is shown). */
export async function GlossaryPager(props: { projectId: string; query: string; page: number; pageCount: number; matching: number; total: number }) {
  const t = await getTranslations("glossary.pager");
  const f = await getFormat();
  const href = (page: number) => `/projects/${props.projectId}/glossary?${new URLSearchParams({ ...(props.query ? { q: props.query } : {}), page: String(page) })}`;
  return (
    <nav aria-label={t("label")} style={{ display: "flex", gap: 12, alignItems: "center", flexWrap: "wrap", margin: "12px 0" }}>
      <form method="get" action={`/projects/${props.projectId}/glossary`} role="search" style={{ display: "flex", gap: 8 }}>
        <input type="search" name="q" defaultValue={props.query} placeholder={t("placeholder")} aria-label={t("search")} />
        <button className={ui.button} type="submit">
          {t("search")}
        </button>
      </form>
      <span>{props.query ? t("matching", { matching: f.number(props.matching), total: f.number(props.total) }) : t("pageOf", { page: f.number(props.page), pageCount: f.number(props.pageCount) })}</span>
      {props.query && props.pageCount > 1 && <span>{t("pageOf", { page: f.number(props.page), pageCount: f.number(props.pageCount) })}</span>}
      {props.page > 1 && <Link href={href(props.page - 1)}>{t("previous")}</Link>}
      {props.page < props.pageCount && <Link href={href(props.page + 1)}>{t("next")}</Link>}
    </nav>
  );
}
