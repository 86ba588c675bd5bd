import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { UnsubscribeForm } from "@/components/notifications/unsubscribe-form";
import { ui } from "@/components/ui/page-header";
import { verifyUnsubscribe } from "@/lib/notifications/unsubscribe";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notifications.unsubscribe");
  return { title: t("pageTitle") };
}
export const dynamic = "force-dynamic";

/**
 * A notification mail's "stop these e-mails" link (public: no sign-in). Opening it changes
 * nothing — the button does — so a mail scanner following links does not unsubscribe anyone.
 */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const [t, kinds] = await Promise.all([getTranslations("notifications.unsubscribe"), getTranslations("notifications.kinds")]);
  const request = verifyUnsubscribe(query);
  if (!request) {
    return (
      <div className={ui.card} style={{ maxWidth: 480, margin: "48px auto", padding: 24 }}>
        <h1 className={ui.pageTitle}>{t("pageTitle")}</h1>
        <p role="alert">{t("invalid")}</p>
      </div>
    );
  }
  return <UnsubscribeForm u={request.userId} k={request.kind} s={String(query.s)} kindLabel={kinds(request.kind)} />;
}
