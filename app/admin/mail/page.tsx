import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MailLogTable } from "@/components/mail/mail-log-table";
import { PageHeader, ui } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/access";
import { smtpConfig } from "@/lib/mail/config";
import { isMailStatus, mailLog } from "@/lib/mail/mail-log";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminMail");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

const PAGE_SIZE = 50;

/** Site admins: every e-mail the site queued (invitations, password resets, notifications) and what became of it. */
export default async function AdminMailPage({ searchParams }: { searchParams: Promise<{ status?: string; before?: string }> }) {
  const user = await requirePageUser("/admin/mail");
  // Not a site admin: the page does not exist for them (as /admin/tokens).
  if (!user.isAdmin) notFound();
  const query = await searchParams;
  const status = isMailStatus(query.status) ? query.status : null;
  const before = typeof query.before === "string" && query.before.length <= 64 ? query.before : null;
  const [{ entries, more }, t, account] = await Promise.all([mailLog({ take: PAGE_SIZE, before, status }), getTranslations("adminMail"), getTranslations("account")]);
  const config = smtpConfig();
  return (
    <>
      <PageHeader crumbs={<Link href="/account">{account("title")}</Link>} title={t("title")} />
      <section className={ui.card}>
        <p className={ui.padded} style={{ margin: 0, color: "var(--text-muted)" }} data-testid="mail-config">
          {config
            ? t("configured", { host: config.host, port: config.port, tls: config.secure ? "tls" : "starttls", from: config.from })
            : t("notConfigured")}
        </p>
        <MailLogTable entries={entries} status={status} olderHref={more && entries.length ? `/admin/mail?${new URLSearchParams({ ...(status ? { status } : {}), before: entries.at(-1)!.id })}` : null} />
      </section>
    </>
  );
}
