import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SignOutForm } from "@/components/auth/sign-out-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signOut");
  return { title: t("title") };
}

export default function LogoutPage() {
  return <SignOutForm />;
}
