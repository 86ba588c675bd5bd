import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { sameOriginPath } from "@/lib/auth/redirects";
import { getSessionUser } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signIn");
  return { title: t("pageTitle") };
}
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  // Only paths of this site are followed after sign-in (no open redirect).
  const target = sameOriginPath(typeof callbackUrl === "string" ? callbackUrl : null);
  if (await getSessionUser()) redirect(target);
  const t = await getTranslations("auth.signIn");
  // Outside production, point at the demo accounts that `npm install` seeded (README lists them).
  const demoHint = process.env.NODE_ENV !== "production" ? t("demoHint", { email: "owner@duizhao.test", password: "owner-demo-pass" }) : null;
  return <SignInForm callbackUrl={target} demoHint={demoHint} initialError={error === "SessionRequired" ? t("sessionRequired") : null} />;
}
