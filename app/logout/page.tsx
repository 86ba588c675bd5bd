import type { Metadata } from "next";
import { SignOutForm } from "@/components/auth/sign-out-form";

export const metadata: Metadata = { title: "Sign out" };

export default function LogoutPage() {
  return <SignOutForm />;
}
