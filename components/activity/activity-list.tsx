import Link from "next/link";
import { useTranslations } from "next-intl";
import { ui } from "@/components/ui/page-header";
import { ACTIVITY_GROUPS } from "@/lib/activity/activity-groups";
import type { ActivityItem } from "@/lib/activity/activity-log";
import { useFormat } from "@/lib/i18n/use-format";
import styles from "./activity.module.css";
import { useActivityDescriber } from "./describe-activity";

/**
 * An activity log page body: a filter form (plain GET, so filters are in the URL and survive a
 * reload), the events newest first, and paging links.
 */
export function ActivityList(props: {
  basePath: string;
  items: ActivityItem[];
  page: number;
  hasMore: boolean;
  group: string;
  actorId: string;
  people: { id: string; name: string }[];
  /** Project-wide logs name the document of each event. */
  showDocument: boolean;
}) {
  const t = useTranslations("activity");
  const groups = useTranslations("activity.groups");
  const describe = useActivityDescriber();
  const f = useFormat();
  const link = (page: number) => {
    const q = new URLSearchParams();
    if (props.group) q.set("group", props.group);
    if (props.actorId) q.set("actor", props.actorId);
    if (page > 1) q.set("page", String(page));
    const s = q.toString();
    return s ? `${props.basePath}?${s}` : props.basePath;
  };
  return (
    <div className={`${ui.card} ${ui.padded}`}>
      <form method="get" action={props.basePath} className={styles.filters} aria-label={t("filterLabel")}>
        <label>
          {t("what")}{" "}
          <select name="group" defaultValue={props.group}>
            <option value="">{t("everything")}</option>
            {(Object.keys(ACTIVITY_GROUPS) as (keyof typeof ACTIVITY_GROUPS)[]).map((key) => (
              <option key={key} value={key}>
                {groups(key)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("who")}{" "}
          <select name="actor" defaultValue={props.actorId}>
            <option value="">{t("anyone")}</option>
            {props.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={ui.button}>
          {t("filter")}
        </button>
      </form>
      {props.items.length === 0 ? (
        <p className={ui.empty}>{props.group || props.actorId ? t("emptyFiltered") : t("empty")}</p>
      ) : (
        <ol className={styles.log} aria-label={t("title")} data-testid="activity-log">
          {props.items.map((item) => (
            <li key={item.id} data-type={item.type}>
              <time dateTime={item.at} className={styles.time}>
                {f.dateTimeSeconds(item.at)}
              </time>
              <span>
                <strong>{item.actorName ?? (item.actorGone ? t("formerMember") : t("system"))}</strong> {describe(item)}
                {props.showDocument &&
                  item.documentId &&
                  t.rich("inDocument", {
                    title: item.documentTitle ?? "",
                    doc: (chunks) => (
                      <Link href={`/documents/${item.documentId}`} lang="zh-CN">
                        {chunks}
                      </Link>
                    ),
                  })}
                {item.documentId && item.segmentNumber && (
                  <>
                    {" · "}
                    <Link href={`/documents/${item.documentId}/edit?segment=${item.segmentNumber}`}>{t("open", { number: item.segmentNumber })}</Link>
                  </>
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
      <nav className={styles.paging} aria-label={t("pages")}>
        {props.page > 1 && <Link href={link(props.page - 1)}>{t("newer")}</Link>}
        <span>{t("page", { page: props.page })}</span>
        {props.hasMore && <Link href={link(props.page + 1)}>{t("older")}</Link>}
      </nav>
    </div>
  );
}
