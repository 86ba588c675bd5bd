import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProjectCrumbs } from "@/components/projects/project-crumbs";
import { PageHeader } from "@/components/ui/page-header";
import { WebhookManager, type WebhookView } from "@/components/webhooks/webhook-manager";
import { authorizeProject, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";
import { listWebhooks, webhookDeliveries } from "@/lib/webhooks/webhooks";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("webhooks");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

const DELIVERIES_SHOWN = 20;

export default async function WebhooksPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requirePageUser(`/projects/${projectId}/webhooks`);
  const { project } = await forPage(() => authorizeProject(user, projectId, "project.update"));
  const t = await getTranslations("webhooks");
  const hooks = await listWebhooks(project.id);
  // One small query per webhook (at most MAX_WEBHOOKS_PER_PROJECT), each its latest deliveries.
  const deliveries = await Promise.all(hooks.map((hook) => webhookDeliveries(project.id, hook.id, DELIVERIES_SHOWN)));
  const views: WebhookView[] = hooks.map((hook, i) => ({
    id: hook.id,
    url: hook.url,
    secret: hook.secret,
    events: hook.events,
    active: hook.active,
    deliveries: deliveries[i]!.map((d) => {
      const last = d.attemptLog.at(-1);
      return {
        id: d.id,
        kind: d.kind,
        status: d.status,
        attempts: d.attempts,
        createdAt: d.createdAt.toISOString(),
        nextAttemptAt: d.nextAttemptAt.toISOString(),
        lastStatus: last?.responseStatus ?? null,
        lastExcerpt: last?.responseExcerpt ?? "",
        lastDurationMs: last?.durationMs ?? null,
      };
    }),
  }));
  return (
    <>
      <PageHeader crumbs={<ProjectCrumbs project={project} />} title={t("title")} />
      <WebhookManager projectId={project.id} webhooks={views} />
    </>
  );
}
