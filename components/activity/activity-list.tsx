import Link from "next/link";
import { ui } from "@/components/ui/page-header";
import { ACTIVITY_GROUPS, describeActivity, type ActivityItem } from "@/lib/activity/activity-log";
import styles from "./activity.module.css";

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
      <form method="get" action={props.basePath} className={styles.filters} aria-label="Filter activity">
        <label>
          What{" "}
          <select name="group" defaultValue={props.group}>
            <option value="">Everything</option>
            {Object.entries(ACTIVITY_GROUPS).map(([key, g]) => (
              <option key={key} value={key}>
                {g.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Who{" "}
          <select name="actor" defaultValue={props.actorId}>
            <option value="">Anyone</option>
            {props.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={ui.button}>
          Filter
        </button>
      </form>
      {props.items.length === 0 ? (
        <p className={ui.empty}>Nothing recorded{props.group || props.actorId ? " for this filter" : ""}.</p>
      ) : (
        <ol className={styles.log} aria-label="Activity" data-testid="activity-log">
          {props.items.map((item) => (
            <li key={item.id} data-type={item.type}>
              <time dateTime={item.at} className={styles.time}>
                {item.at.slice(0, 19).replace("T", " ")}
              </time>
              <span>
                <strong>{item.actorName ?? "The system"}</strong> {describeActivity(item)}
                {props.showDocument && item.documentId && (
                  <>
                    {" "}
                    in{" "}
                    <Link href={`/documents/${item.documentId}`} lang="zh-CN">
                      {item.documentTitle}
                    </Link>
                  </>
                )}
                {item.documentId && item.segmentNumber && (
                  <>
                    {" "}
                    · <Link href={`/documents/${item.documentId}/edit?segment=${item.segmentNumber}`}>open #{item.segmentNumber}</Link>
                  </>
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
      <nav className={styles.paging} aria-label="Pages">
        {props.page > 1 && <Link href={link(props.page - 1)}>← Newer</Link>}
        <span>Page {props.page}</span>
        {props.hasMore && <Link href={link(props.page + 1)}>Older →</Link>}
      </nav>
    </div>
  );
}
