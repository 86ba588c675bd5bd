import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader, ui } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/access";
import { myWork, type WorkDocument } from "@/lib/review/my-work";

export const metadata: Metadata = { title: "My work" };
export const dynamic = "force-dynamic";

function DocumentList({ items, label, noun, empty }: { items: WorkDocument[]; label: string; noun: string; empty: string }) {
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
              — {d.count.toLocaleString("en")} {noun} ({d.projectName})
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
  const work = await myWork(user.id);
  return (
    <>
      <PageHeader title="My work" />
      <DocumentList items={work.toTranslate} label="To translate" noun="segments to translate" empty="No documents assigned to you for translation have segments waiting." />
      <DocumentList items={work.toReview} label="To review" noun="segments to review" empty="No documents assigned to you for review have segments waiting." />
      <section className={`${ui.card} ${ui.padded}`} aria-label="Sent back to you" style={{ marginBottom: 16 }}>
        <h2 className={ui.sectionTitle}>Sent back to you</h2>
        {work.sentBack.length === 0 ? (
          <p className={ui.emptyInline}>Nothing sent back.</p>
        ) : (
          <ul style={{ margin: 0 }}>
            {work.sentBack.map((s) => (
              <li key={`${s.documentId}:${s.segmentNumber}`}>
                <Link href={`/documents/${s.documentId}/edit?segment=${s.segmentNumber}`}>
                  Segment #{s.segmentNumber} of <span lang="zh-CN">{s.title}</span>
                </Link>
                {s.comment && <> — “{s.comment}”</>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className={`${ui.card} ${ui.padded}`} aria-label="Mentions">
        <h2 className={ui.sectionTitle}>Mentions</h2>
        {work.mentions.length === 0 ? (
          <p className={ui.emptyInline}>Nobody has mentioned you in a comment.</p>
        ) : (
          <ul style={{ margin: 0 }}>
            {work.mentions.map((m) => (
              <li key={m.commentId}>
                <strong>{m.authorName}</strong> on{" "}
                {m.segmentNumber ? (
                  <Link href={`/documents/${m.documentId}/edit?segment=${m.segmentNumber}`}>
                    segment #{m.segmentNumber} of <span lang="zh-CN">{m.title}</span>
                  </Link>
                ) : (
                  <span lang="zh-CN">{m.title}</span>
                )}
                {m.resolved ? " (resolved)" : ""}: “{m.body.length > 160 ? `${m.body.slice(0, 160)}…` : m.body}”
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
