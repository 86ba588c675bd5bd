"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createWebhookAction, deleteWebhookAction, redeliverAction, updateWebhookAction } from "@/app/projects/[projectId]/webhooks/actions";
import { FormMessage } from "@/components/ui/form-errors";
import { HydratedFieldset } from "@/components/ui/hydrated-fieldset";
import { ui } from "@/components/ui/page-header";
import { useFormat } from "@/lib/i18n/use-format";
import { deliveryStatus, deliveryStatusKey, WEBHOOK_EVENTS, webhookEventKey, type WebhookEvent } from "@/lib/webhooks/webhook-events";
import styles from "./webhooks.module.css";

export interface WebhookView {
  id: string;
  url: string;
  secret: string;
  events: WebhookEvent[];
  active: boolean;
  deliveries: DeliveryView[];
}

export interface DeliveryView {
  id: string;
  kind: string;
  status: string;
  attempts: number;
  createdAt: string;
  nextAttemptAt: string;
  lastStatus: number | null;
  lastExcerpt: string;
  lastDurationMs: number | null;
}

/**
 * The project's webhooks: add one, choose its events, see and redeliver its deliveries. The fields
 * wait for hydration: React would not keep what was typed or ticked in the server's HTML.
 */
export function WebhookManager({ projectId, webhooks }: { projectId: string; webhooks: WebhookView[] }) {
  const t = useTranslations("webhooks");
  const router = useRouter();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<Set<WebhookEvent>>(new Set(WEBHOOK_EVENTS));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function add(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await createWebhookAction({ projectId, url, events: [...events] });
    setBusy(false);
    setMessage(result.ok ? { ok: true, text: t("added") } : { ok: false, text: result.error });
    if (result.ok) {
      setUrl("");
      router.refresh();
    }
  }

  return (
    <>
      <form className={`${ui.card} ${styles.card}`} onSubmit={add} aria-labelledby="webhook-add-heading">
        <h2 id="webhook-add-heading" className={styles.heading}>
          {t("addTitle")}
        </h2>
        <p className={styles.hint}>{t("hint")}</p>
        <HydratedFieldset>
          <label className={styles.field}>
            <span>{t("url")}</span>
            <input type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder={t("urlPlaceholder")} />
          </label>
          <EventChoice selected={events} onChange={setEvents} />
        </HydratedFieldset>
        <FormMessage message={message} />
        <button type="submit" className={`${ui.button} ${ui.primary}`} disabled={busy || !url.trim() || !events.size}>
          {t("add")}
        </button>
      </form>
      {webhooks.length === 0 ? (
        <p className={ui.emptyInline}>{t("none")}</p>
      ) : (
        webhooks.map((hook) => <WebhookCard key={hook.id} projectId={projectId} hook={hook} />)
      )}
    </>
  );
}

function EventChoice({ selected, onChange }: { selected: Set<WebhookEvent>; onChange: (next: Set<WebhookEvent>) => void }) {
  const t = useTranslations("webhooks");
  return (
    <fieldset className={styles.events}>
      <legend>{t("events")}</legend>
      {WEBHOOK_EVENTS.map((name) => (
        <label key={name} className={styles.event}>
          <input
            type="checkbox"
            checked={selected.has(name)}
            onChange={(e) => {
              const next = new Set(selected);
              if (e.target.checked) next.add(name);
              else next.delete(name);
              onChange(next);
            }}
          />
          <span>{t(webhookEventKey(name))}</span> <code>{name}</code>
        </label>
      ))}
    </fieldset>
  );
}

function WebhookCard({ projectId, hook }: { projectId: string; hook: WebhookView }) {
  const t = useTranslations("webhooks");
  const format = useFormat();
  const router = useRouter();
  const [events, setEvents] = useState(new Set(hook.events));
  const [showSecret, setShowSecret] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function run(action: () => Promise<{ ok: true } | { ok: false; error: string }>, done?: string) {
    const result = await action();
    setMessage(result.ok ? (done ? { ok: true, text: done } : null) : { ok: false, text: result.error });
    if (result.ok) router.refresh();
  }

  return (
    <section className={`${ui.card} ${styles.card}`} aria-label={hook.url} data-testid="webhook">
      <div className={styles.row}>
        <code className={styles.url}>{hook.url}</code>
        <span className={hook.active ? styles.on : styles.off}>{hook.active ? t("active") : t("paused")}</span>
      </div>
      <div className={styles.row}>
        <span>{t("secret")}</span>
        <code data-testid="webhook-secret">{showSecret ? hook.secret : `${hook.secret.slice(0, 10)}…`}</code>
        <button type="button" className={ui.button} onClick={() => setShowSecret((s) => !s)}>
          {showSecret ? t("hideSecret") : t("showSecret")}
        </button>
      </div>
      <HydratedFieldset>
        <EventChoice selected={events} onChange={setEvents} />
      </HydratedFieldset>
      <FormMessage message={message} />
      <div className={styles.row}>
        <button type="button" className={ui.button} disabled={!events.size} onClick={() => run(() => updateWebhookAction({ projectId, webhookId: hook.id, events: [...events] }), t("saved"))}>
          {t("saveEvents")}
        </button>
        <button type="button" className={ui.button} onClick={() => run(() => updateWebhookAction({ projectId, webhookId: hook.id, active: !hook.active }))}>
          {hook.active ? t("pause") : t("resume")}
        </button>
        <button
          type="button"
          className={ui.button}
          onClick={() => {
            if (window.confirm(t("deleteConfirm", { url: hook.url }))) void run(() => deleteWebhookAction({ projectId, webhookId: hook.id }));
          }}
        >
          {t("delete")}
        </button>
      </div>
      <h3 className={styles.subheading}>{t("deliveries")}</h3>
      {hook.deliveries.length === 0 ? (
        <p className={ui.emptyInline}>{t("noDeliveries")}</p>
      ) : (
        <table className={ui.table}>
          <thead>
            <tr>
              <th>{t("when")}</th>
              <th>{t("eventColumn")}</th>
              <th>{t("result")}</th>
              <th className={ui.num}>{t("attempts")}</th>
              <th>{t("answer")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {hook.deliveries.map((d) => (
              <tr key={d.id} data-testid="webhook-delivery" data-status={d.status}>
                <td>{format.dateTimeSeconds(d.createdAt)}</td>
                <td>
                  <code>{d.kind}</code>
                </td>
                <td>{d.status === "pending" && d.attempts > 0 ? t("retrying", { at: format.relative(d.nextAttemptAt) }) : t(deliveryStatusKey(deliveryStatus(d.status)))}</td>
                <td className={ui.num}>{format.number(d.attempts)}</td>
                <td className={styles.excerpt}>
                  {d.lastStatus !== null ? `${d.lastStatus} ` : ""}
                  {d.lastExcerpt}
                  {d.lastDurationMs !== null ? ` (${t("duration", { ms: d.lastDurationMs })})` : ""}
                </td>
                <td>
                  {d.status !== "pending" && (
                    <button type="button" className={ui.button} onClick={() => run(() => redeliverAction({ projectId, messageId: d.id }), t("redelivering"))}>
                      {t("redeliver")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
