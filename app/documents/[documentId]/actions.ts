"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { CodedError } from "@/lib/http/coded-error";
import { authorizeDocument, requireUser } from "@/lib/auth/access";
import { runAction } from "@/lib/auth/action-result";
import { assignDocument } from "@/lib/review/assignment";
import { signOff } from "@/lib/review/sign-off";
import { createVersion } from "@/lib/versions/version-repository";
import { versionName } from "@/lib/versions/version-name";
import { actionLocale } from "@/lib/i18n/request-locale";

const assignSchema = z.object({ documentId: z.string(), translatorId: z.string().nullable(), reviewerId: z.string().nullable() });

export async function assignDocumentAction(input: { documentId: string; translatorId: string | null; reviewerId: string | null }) {
  return runAction(async () => {
    const user = await requireUser();
    await authorizeDocument(user, String(input?.documentId ?? ""), "document.assign");
    const parsed = assignSchema.safeParse(input);
    if (!parsed.success) throw new CodedError("assignment-invalid", 409);
    await assignDocument(parsed.data.documentId, { translatorId: parsed.data.translatorId || null, reviewerId: parsed.data.reviewerId || null }, user.id);
    revalidatePath(`/documents/${parsed.data.documentId}`);
    return {};
  }, input);
}

export async function createVersionAction(input: { documentId: string; label: string }) {
  return runAction(async () => {
    const user = await requireUser();
    const { document } = await authorizeDocument(user, String(input?.documentId ?? ""), "document.snapshot");
    const version = await createVersion(document.id, String(input?.label ?? ""), user.id);
    revalidatePath(`/documents/${document.id}/versions`);
    return { versionId: version.id };
  }, input);
}

export async function signOffAction(input: { documentId: string }) {
  return runAction(async () => {
    const user = await requireUser();
    const { document } = await authorizeDocument(user, String(input?.documentId ?? ""), "document.signOff");
    const result = await signOff(document.id, { id: user.id, name: user.name });
    revalidatePath(`/documents/${document.id}`);
    return { label: versionName(result.version, await actionLocale()), signedOff: { by: result.by, at: result.at } };
  }, input);
}
