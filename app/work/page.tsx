import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { useTranslations } from "next-intl";
import { PageHeader, ui } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/access";
import { useFormat } from "@/lib/i18n/use-format";
import { myWork, type WorkDocument } from "@/lib/review/my-work";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("work");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

function DocumentList({ items, label, kind, empty }: { items: WorkDocument[]; label: string; kind: "translate" | "review"; empty: string }) {
  const t = useTranslations("work");
  const f = useFormat();
  return (
    <section className={`${ui.card} ${ui.padded}`} aria-label={label} style={{ marginBottom: 16 }}>
      <h2 className={ui.sectionTitle}>{label}</h2>
      {items.length === 0 ? (
        <p className={ui.emptyInline}>{empty}</p>
      ) : (
        <ul style={{ margin: 0 }}>
          {items.map((d) => (
            <li key={d.documentId}>
              <Link href={`/documents/${d.documentId}/edit?segment=${d.firstSegment}`} lang="zh-CN">
                {d.title}
              </Link>{" "}
              {kind === "translate" ? t("toTranslateCount", { count: d.count, n: f.number(d.count), project: d.projectName }) : t("toReviewCount", { count: d.count, n: f.number(d.count), project: d.projectName })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What waits for the signed-in person, across all their projects. */
export default async function MyWorkPage() {
  const user = await requirePageUser("/work");
  const [work, t, tCommon] = await Promise.all([myWork(user.id), getTranslations("work"), getTranslations("common")]);
  return (
    <>
      <PageHeader title={t("title")} />
      <DocumentList items={work.toTranslate} label={t("toTranslate")} kind="translate" empty={t("toTranslateEmpty")} />
      <DocumentList items={work.toReview} label={t("toReview")} kind="review" empty={t("toReviewEmpty")} />
      <section className={`${ui.card} ${ui.padded}`} aria-label={t("sentBack")} style={{ marginBottom: 16 }}>
        <h2 className={ui.sectionTitle}>{t("sentBack")}</h2>
        {work.sentBack.length === 0 ? (
          <p className={ui.emptyInline}>{t("sentBackEmpty")}</p>
        ) : (
          <ul style={{ margin: 0 }}>
            {work.sentBack.map((s) => (
              <li key={`${s.documentId}:${s.segmentNumber}`}>
                <Link href={`/documents/${s.documentId}/edit?segment=${s.segmentNumber}`}>
                  {t.rich("segmentOf", { number: s.segmentNumber, title: s.title, doc: (chunks) => <span lang="zh-CN">{chunks}</span> })}
                </Link>
                {s.comment && <> — {t("quoted", { text: s.comment })}</>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className={`${ui.card} ${ui.padded}`} aria-label={t("mentions")}>
        <h2 className={ui.sectionTitle}>{t("mentions")}</h2>
        {work.mentions.length === 0 ? (
          <p className={ui.emptyInline}>{t("mentionsEmpty")}</p>
        ) : (
          <ul style={{ margin: 0 }}>
            {work.mentions.map((m) => (
              <li key={m.commentId}>
                {t.rich("mention", {
                  author: m.authorName ?? tCommon("formerMember"),
                  resolved: m.resolved ? "yes" : "no",
                  text: m.body.length > 160 ? `${m.body.slice(0, 160)}…` : m.body,
                  b: (chunks) => <strong>{chunks}</strong>,
                  where: () =>
                    m.segmentNumber ? (
                      <Link href={`/documents/${m.documentId}/edit?segment=${m.segmentNumber}`}>
                        {t.rich("segmentOfLower", { number: m.segmentNumber, title: m.title, doc: (chunks) => <span lang="zh-CN">{chunks}</span> })}
                      </Link>
                    ) : (
                      <span lang="zh-CN">{m.title}</span>
                    ),
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
