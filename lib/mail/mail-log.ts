import { prisma } from "@/lib/db";
import { mailSubject } from "./queue-mail";

/** One e-mail delivery as the admins' log shows it (the outbox's `email` messages). */
export interface MailLogEntry {
  id: string;
  to: string;
  kind: string;
  subject: string;
  status: string;
  attempts: number;
  createdAt: Date;
  deliveredAt: Date | null;
  nextAttemptAt: Date;
  lastError: string | null;
  /** The SMTP reply code and text of the latest attempt (null code: no server answered). */
  lastReply: { status: number | null; excerpt: string; durationMs: number } | null;
}

export const MAIL_STATUSES = ["pending", "delivered", "failed", "cancelled"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export function isMailStatus(value: unknown): value is MailStatus {
  return typeof value === "string" && (MAIL_STATUSES as readonly string[]).includes(value);
}

/**
 * The latest e-mail deliveries, newest first, a page at a time: `before` is the last id of the
 * previous page (outbox ids are time-ordered). Optionally only one status.
 */
export async function mailLog(options: { take?: number; before?: string | null; status?: MailStatus | null } = {}): Promise<{ entries: MailLogEntry[]; more: boolean }> {
  const take = options.take ?? 50;
  const rows = await prisma.outboxMessage.findMany({
    where: { channel: "email", ...(options.before ? { id: { lt: options.before } } : {}), ...(options.status ? { status: options.status } : {}) },
    orderBy: { id: "desc" },
    take: take + 1,
    select: {
      id: true,
      target: true,
      kind: true,
      payload: true,
      status: true,
      attempts: true,
      createdAt: true,
      deliveredAt: true,
      nextAttemptAt: true,
      lastError: true,
      attemptLog: { orderBy: { attempt: "desc" }, take: 1, select: { responseStatus: true, responseExcerpt: true, durationMs: true } },
    },
  });
  const entries = rows.slice(0, take).map((row) => {
    const last = row.attemptLog[0];
    return {
      id: row.id,
      to: row.target,
      kind: row.kind,
      subject: mailSubject(row.payload),
      status: row.status,
      attempts: row.attempts,
      createdAt: row.createdAt,
      deliveredAt: row.deliveredAt,
      nextAttemptAt: row.nextAttemptAt,
      lastError: row.lastError,
      lastReply: last ? { status: last.responseStatus, excerpt: last.responseExcerpt, durationMs: last.durationMs } : null,
    };
  });
  return { entries, more: rows.length > take };
}
