"use server";

import { z } from "zod";
import { authorizeProject, requireUser } from "@/lib/auth/access";
import { runAction } from "@/lib/auth/action-result";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/webhook-events";
import { createWebhook, deleteWebhook, redeliverWebhookMessage, updateWebhook } from "@/lib/webhooks/webhooks";

// Webhooks are part of the project's set-up: owners (and site admins) manage them.
const events = z.array(z.enum(WEBHOOK_EVENTS)).max(WEBHOOK_EVENTS.length);

export async function createWebhookAction(input: { projectId: string; url: string; events: string[] }) {
  return runAction(async () => {
    const user = await requireUser();
    const { project } = await authorizeProject(user, String(input?.projectId ?? ""), "project.update");
    const parsed = z.object({ url: z.string().max(2000), events }).parse(input);
    const hook = await createWebhook(project.id, user.id, parsed);
    return { webhookId: hook.id };
  }, input);
}

export async function updateWebhookAction(input: { projectId: string; webhookId: string; events?: string[]; active?: boolean }) {
  return runAction(async () => {
    const user = await requireUser();
    const { project } = await authorizeProject(user, String(input?.projectId ?? ""), "project.update");
    const parsed = z.object({ webhookId: z.string().max(100), events: events.optional(), active: z.boolean().optional() }).parse(input);
    await updateWebhook(project.id, parsed.webhookId, parsed);
    return {};
  }, input);
}

export async function deleteWebhookAction(input: { projectId: string; webhookId: string }) {
  return runAction(async () => {
    const user = await requireUser();
    const { project } = await authorizeProject(user, String(input?.projectId ?? ""), "project.update");
    await deleteWebhook(project.id, z.string().max(100).parse(input.webhookId));
    return {};
  }, input);
}

export async function redeliverAction(input: { projectId: string; messageId: string }) {
  return runAction(async () => {
    const user = await requireUser();
    const { project } = await authorizeProject(user, String(input?.projectId ?? ""), "project.update");
    await redeliverWebhookMessage(project.id, z.string().max(100).parse(input.messageId));
    return {};
  }, input);
}
