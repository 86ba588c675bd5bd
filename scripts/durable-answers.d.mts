import type { ServerResponse } from "node:http";

/** Whether the request can change anything (GET, HEAD and OPTIONS cannot). */
export function changesState(method: string | undefined): boolean;
/** Holds `res`'s output until `durable()` settles; a failed sync is logged through `log` and the answer goes out. */
export function holdUntilDurable(res: ServerResponse, durable: () => Promise<void>, log?: { warn(message: string): void }): void;
