import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { ui } from "@/components/ui/page-header";
import styles from "@/components/webhooks/webhooks.module.css";
import { getFormat } from "@/lib/i18n/server";
import { MAIL_STATUSES, type MailLogEntry, type MailStatus } from "@/lib/mail/mail-log";

/**
 * The e-mail delivery log (/admin/mail): per mail when, to whom, what, its fate, attempts and the
 * SMTP server's last answer — the same columns as a webhook's deliveries.
 */
export async function MailLogTable({ entries, status, olderHref }: { entries: MailLogEntry[]; status: MailStatus | null; olderHref: string | null }) {
  const [t, f] = await Promise.all([getTranslations("adminMail"), getFormat()]);
  const statusLabel = (value: string) => ({ pending: t("status.pending"), delivered: t("status.delivered"), failed: t("status.failed"), cancelled: t("status.cancelled") })[value] ?? value;
  return (
    <>
      <nav aria-label={t("filter")} className={ui.padded} style={{ display: "flex", gap: 12, flexWrap: "wrap", paddingTop: 0 }}>
        <Link href="/admin/mail" aria-current={status === null ? "page" : undefined} style={{ fontWeight: status === null ? 600 : undefined }}>
          {t("all")}
        </Link>
        {MAIL_STATUSES.map((s) => (
          <Link key={s} href={`/admin/mail?status=${s}`} aria-current={status === s ? "page" : undefined} style={{ fontWeight: status === s ? 600 : undefined }}>
            {statusLabel(s)}
          </Link>
        ))}
      </nav>
      {entries.length === 0 ? (
        <p className={ui.empty}>{t("none")}</p>
      ) : (
        <table className={ui.table} aria-label={t("title")}>
          <thead>
            <tr>
              <th>{t("when")}</th>
              <th>{t("to")}</th>
              <th>{t("kind")}</th>
              <th>{t("subject")}</th>
              <th>{t("result")}</th>
              <th className={ui.num}>{t("attempts")}</th>
              <th>{t("answer")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} data-testid="mail-delivery" data-status={entry.status}>
                <td>
                  <time dateTime={entry.createdAt.toISOString()}>{f.dateTimeSeconds(entry.createdAt)}</time>
                </td>
                <td>{entry.to}</td>
                <td>
                  <code>{entry.kind}</code>
                </td>
                <td>{entry.subject}</td>
                <td>
                  {entry.status === "pending" && entry.attempts > 0
                    ? t("retrying", { at: f.relative(entry.nextAttemptAt) })
                    : entry.status === "delivered" && entry.deliveredAt
                      ? t("deliveredAt", { at: f.dateTimeSeconds(entry.deliveredAt) })
                      : statusLabel(entry.status)}
                </td>
                <td className={ui.num}>{f.number(entry.attempts)}</td>
                <td className={styles.excerpt} title={entry.lastReply?.excerpt ?? entry.lastError ?? undefined}>
                  {entry.lastReply ? `${entry.lastReply.status !== null ? `${entry.lastReply.status} ` : ""}${entry.lastReply.excerpt}` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {olderHref && (
        <p className={ui.padded}>
          <Link href={olderHref}>{t("older")}</Link>
        </p>
      )}
    </>
  );
}
