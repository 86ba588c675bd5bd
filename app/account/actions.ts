"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiToken, revokeApiToken, type CreateTokenInput } from "@/lib/api/tokens";
import { changePassword, setUserLocale } from "@/lib/accounts/user-service";
import { requireUser } from "@/lib/auth/access";
import { runAction } from "@/lib/auth/action-result";
import { requestClientAddress } from "@/lib/auth/request-address";
import { endAllSessions } from "@/lib/auth/sessions";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { getActionTranslations } from "@/lib/i18n/translator";
import { DELIVERIES, NOTIFICATION_KINDS, type Delivery, type NotificationKind } from "@/lib/notifications/kinds";
import { notificationPreferences, setNotificationPreferences } from "@/lib/notifications/preferences";


/** Changes the password; every other session of the account ends. */
export async function changePasswordAction(input: { currentPassword: string; newPassword: string }) {
  return runAction(async () => {
    const user = await requireUser();
    const t = await getActionTranslations("account.password");
    const data = z
      .object({
        currentPassword: z.string(t("currentRequired")).max(200),
        newPassword: z.string(t("newRequired")).max(200, t("tooLong", { count: 200 })),
      })
      .parse(input);
    return changePassword(user, data.currentPassword, data.newPassword, await requestClientAddress());
  }, input);
}

/** Ends every session of the account, this one included (a lost laptop, a shared computer). */
export async function signOutEverywhereAction() {
  return runAction(async () => {
    const user = await requireUser();
    return { endedSessions: await endAllSessions(user.id) };
  });
}

const localeSchema = z.object({ locale: z.enum(LOCALES).nullable() });

/**
 * Saves the interface language on the account (null: follow the browser's). The header switcher
 * and the account page call it for a signed-in person; they also set the `locale` cookie, which
 * is what a signed-out visitor's choice rests on.
 */
export async function setLocaleAction(input: { locale: Locale | null }) {
  return runAction(async () => {
    const user = await requireUser();
    const { locale } = localeSchema.parse(input);
    await setUserLocale(user.id, locale);
    return { locale };
  }, input);
}

/**
 * A personal access token for the API; the secret is in the answer and nowhere else. A project
 * restriction must be one of the person's projects (lib/api/tokens.ts checks).
 */
export async function createApiTokenAction(input: CreateTokenInput) {
  return runAction(async () => {
    const user = await requireUser();
    const { secret, token } = await createApiToken(user, input);
    return { secret, tokenId: token.id, name: token.name };
  }, input);
}

/** Revokes a token at once: one's own, or anyone's for a site admin (the admin token list). */
export async function revokeApiTokenAction(input: { tokenId: string }) {
  return runAction(async () => {
    const user = await requireUser();
    const { tokenId } = z.object({ tokenId: z.string().min(1).max(100) }).parse(input);
    await revokeApiToken(user, tokenId);
    revalidatePath("/account");
    revalidatePath("/admin/tokens");
    return {};
  }, input);
}

const preferencesSchema = z.object({
  preferences: z.partialRecord(z.enum(NOTIFICATION_KINDS), z.enum(DELIVERIES)),
});

/** The person's notification preferences, per kind: in-app only, e-mail at once, daily digest, off. */
export async function setNotificationPreferencesAction(input: { preferences: Partial<Record<NotificationKind, Delivery>> }) {
  return runAction(async () => {
    const user = await requireUser();
    const { preferences } = preferencesSchema.parse(input);
    await setNotificationPreferences(user.id, preferences);
    return { preferences: await notificationPreferences(user.id) };
  }, input);
}
