/**
 * The notification vocabulary (issue 20), shared by the writers, the bell, the account page and
 * the mails. Pure and client-safe.
 */

export const NOTIFICATION_KINDS = ["assigned", "sentBack", "mentioned", "reply", "readyForReview", "signedOff", "invited"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * How a person wants a kind: in the app only, in the app and an e-mail at once, in the app and in
 * the daily digest e-mail, or not at all.
 */
export const DELIVERIES = ["inApp", "immediate", "digest", "off"] as const;
export type Delivery = (typeof DELIVERIES)[number];

/**
 * Defaults, chosen by how soon the person must act and how often the kind comes:
 * - work handed to you that waits for you (assigned, sent back, ready for your review) and being
 *   addressed by name (mentioned) come at once: someone is waiting, and they are rare;
 * - replies in a thread you wrote in can be a lively back-and-forth: one mail a day;
 * - sign-off is news, not work: the daily digest;
 * - an invitation already sends its own mail with the link (lib/mail invitation), so the
 *   notification only shows in the app.
 * Without SMTP every mail setting behaves as in-app only.
 */
export const DEFAULT_DELIVERY: Record<NotificationKind, Delivery> = {
  assigned: "immediate",
  sentBack: "immediate",
  mentioned: "immediate",
  reply: "digest",
  readyForReview: "immediate",
  signedOff: "digest",
  invited: "inApp",
};

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === "string" && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

export function isDelivery(value: unknown): value is Delivery {
  return typeof value === "string" && (DELIVERIES as readonly string[]).includes(value);
}

/**
 * What a notification says, kept with it as it was when written (titles may change later; the
 * list must not need a join per row): the document's title, the project's name, the first words
 * of a comment, the segment's number at the time, an assignment's job, an invitation's role.
 */
export interface NotificationBody {
  projectName?: string;
  documentTitle?: string;
  /** Segment number (position + 1) when written; the link is resolved again when shown. */
  segmentNumber?: number;
  excerpt?: string;
  /** assigned: which job. */
  job?: "translator" | "reviewer" | "both";
  /** invited: the role offered, and the invitation to accept. */
  role?: string;
  invitationId?: string;
}

/** An excerpt of a comment for the list and the mail: one line, at most `max` characters. */
export function excerptOf(text: string, max = 140): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * Where a notification leads: the exact segment in the editor (by its current number), else the
 * document, the project, or the invitation.
 */
export function notificationPath(n: { kind: string; projectId: string | null; documentId: string | null; segmentNumber: number | null; body: NotificationBody }): string {
  if (n.kind === "invited" && n.body.invitationId) return `/invitations/${n.body.invitationId}`;
  if (n.documentId && n.segmentNumber) return `/documents/${n.documentId}/edit?segment=${n.segmentNumber}`;
  if (n.documentId) return n.kind === "signedOff" ? `/documents/${n.documentId}` : `/documents/${n.documentId}/edit`;
  if (n.projectId) return `/projects/${n.projectId}`;
  return "/notifications";
}

/** Catalog keys used through the kind's name (lib/i18n/labels.ts dynamicMessageKeys). */
export const notificationKindKey = (kind: NotificationKind) => `notifications.kinds.${kind}` as const;
export const notificationTextKey = (kind: NotificationKind) => `notifications.text.${kind}` as const;
export const deliveryKey = (delivery: Delivery) => `notifications.delivery.${delivery}` as const;
