/**
 * What a project's webhooks can be told about (issue 19). Names are stable: receivers switch on
 * them. Each payload is small — ids and links, never the texts — so a receiver reads what it
 * needs through the API with its own rights.
 */
export const WEBHOOK_EVENTS = [
  "document.imported",
  "segment.confirmed",
  "segment.approved",
  "segment.changes_requested",
  "comment.added",
  "document.signed_off",
  "document.exported",
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export function isWebhookEvent(value: string): value is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

/** The comma-separated list stored on a Webhook row, as a set (unknown names dropped). */
export function parseEventList(stored: string): Set<WebhookEvent> {
  return new Set(stored.split(",").map((name) => name.trim()).filter(isWebhookEvent));
}

/** What became of a delivery (lib/outbox): shown per delivery on the webhooks page. */
export const DELIVERY_STATUSES = ["pending", "delivered", "failed", "cancelled"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export function deliveryStatus(value: string): DeliveryStatus {
  return (DELIVERY_STATUSES as readonly string[]).includes(value) ? (value as DeliveryStatus) : "pending";
}

/** Catalog keys (namespace `webhooks`) of an event's and a status's names. */
export const webhookEventKey = (event: WebhookEvent) => `event.${event}` as const;
export const deliveryStatusKey = (status: DeliveryStatus) => `status.${status}` as const;
