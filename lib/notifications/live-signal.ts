/**
 * How the page's bell learns of new notifications without a connection of its own: the editor's
 * document stream carries a `notifications` message for its viewer (lib/events/stream.ts) and
 * passes it on as this window event; the bell also re-reads on navigation and when the window
 * regains focus. Client-safe.
 */
export const NOTIFICATIONS_CHANGED = "duizhao:notifications";

export function signalNotificationsChanged(): void {
  window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
}
