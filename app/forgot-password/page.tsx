import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { mailConfigured } from "@/lib/mail/config";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.forgot");
  return { title: t("pageTitle") };
}
export const dynamic = "force-dynamic";

/** "Forgot password?": asks for the address; says plainly when the site sends no mail. */
export default async function ForgotPasswordPage() {
  return <ForgotPasswordForm mailAvailable={mailConfigured()} />;
}
