import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TokenTable } from "@/components/account/token-table";
import { PageHeader, ui } from "@/components/ui/page-header";
import { listApiTokens } from "@/lib/api/tokens";
import { requirePageUser } from "@/lib/auth/access";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.tokens");
  return { title: t("adminTitle") };
}
export const dynamic = "force-dynamic";

/** Site admins: every user's live access tokens, each revocable (a leaked token, a person who left). */
export default async function AdminTokensPage() {
  const user = await requirePageUser("/admin/tokens");
  // Not a site admin: the page does not exist for them, as for a project they are not in.
  if (!user.isAdmin) notFound();
  const [tokens, t, account] = await Promise.all([listApiTokens(user, { everyone: true }), getTranslations("account.tokens"), getTranslations("account")]);
  return (
    <>
      <PageHeader crumbs={<Link href="/account">{account("title")}</Link>} title={t("adminTitle")} />
      <section className={ui.card}>
        <p className={ui.padded} style={{ margin: 0, color: "var(--text-muted)" }}>
          {t("adminHelp")}
        </p>
        <TokenTable tokens={tokens} showOwner label={t("adminTitle")} />
      </section>
    </>
  );
}
