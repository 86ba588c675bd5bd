"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { setNotificationPreferencesAction } from "@/app/account/actions";
import authStyles from "@/components/auth/auth.module.css";
import { FormMessage } from "@/components/ui/form-errors";
import { HydratedFieldset } from "@/components/ui/hydrated-fieldset";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";
import { DELIVERIES, NOTIFICATION_KINDS, type Delivery, type NotificationKind } from "@/lib/notifications/kinds";
import styles from "./notifications.module.css";

/**
 * The account page's notification preferences: per kind, one of in-app only, e-mail at once,
 * daily digest, off — a radio group per row, so each choice is one keystroke away and labelled.
 * The radios wait for hydration: React would not keep a choice made in the server's HTML.
 */
export function NotificationPreferences(props: { saved: Record<NotificationKind, Delivery>; mailEnabled: boolean }) {
  const t = useTranslations("notifications");
  const tc = useTranslations("common");
  const hydrated = useHydrated();
  const [choice, setChoice] = useState(props.saved);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await setNotificationPreferencesAction({ preferences: choice });
      if (!result.ok) return setMessage({ ok: false, text: result.error });
      setChoice(result.preferences);
      setMessage({ ok: true, text: tc("saved") });
    });
  };

  return (
    <form id="notifications" className={`${ui.card} ${authStyles.card}`} style={{ width: "auto" }} aria-labelledby="notification-prefs-title" onSubmit={submit}>
      <h2 id="notification-prefs-title" className={authStyles.title}>
        {t("preferences.title")}
      </h2>
      <p className={authStyles.hint}>{props.mailEnabled ? t("preferences.help") : t("preferences.noMail")}</p>
      <HydratedFieldset>
        <table className={styles.prefs}>
          <thead>
            <tr>
              <th scope="col">{t("preferences.kind")}</th>
              {DELIVERIES.map((delivery) => (
                <th scope="col" key={delivery} style={{ textAlign: "center" }}>
                  {t(`delivery.${delivery}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {NOTIFICATION_KINDS.map((kind) => (
              <tr key={kind}>
                <th scope="row">{t(`kinds.${kind}`)}</th>
                {DELIVERIES.map((delivery) => (
                  <td key={delivery}>
                    <input
                      type="radio"
                      name={`pref-${kind}`}
                      value={delivery}
                      checked={choice[kind] === delivery}
                      onChange={() => setChoice((current) => ({ ...current, [kind]: delivery }))}
                      aria-label={t("preferences.option", { kind: t(`kinds.${kind}`), delivery: t(`delivery.${delivery}`) })}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </HydratedFieldset>
      <FormMessage message={message} />
      <button type="submit" className={`${ui.button} ${authStyles.submit}`} disabled={!hydrated || pending}>
        {pending ? tc("saving") : t("preferences.save")}
      </button>
    </form>
  );
}
