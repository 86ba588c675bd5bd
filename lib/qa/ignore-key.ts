/** How an ignored QA finding is recognised: its segment, check and message. */
export type IgnoredKey = string;
export const ignoredKey = (segmentId: string, check: string, message: string): IgnoredKey => `${segmentId}\u0000${check}\u0000${message}`;
