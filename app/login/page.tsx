import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { sameOriginPath } from "@/lib/auth/redirects";
import { getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  // Only paths of this site are followed after sign-in (no open redirect).
  const target = sameOriginPath(typeof callbackUrl === "string" ? callbackUrl : null);
  if (await getSessionUser()) redirect(target);
  // Outside production, point at the demo accounts that `npm install` seeded (README lists them).
  const demoHint = process.env.NODE_ENV !== "production" ? "Demo: owner@duizhao.test / owner-demo-pass (more accounts in the README)." : null;
  return <SignInForm callbackUrl={target} demoHint={demoHint} initialError={error === "SessionRequired" ? "Please sign in to continue." : null} />;
}
