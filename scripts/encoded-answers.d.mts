import type { ServerResponse } from "node:http";

export const ENCODED_MARK: string;
export const COMPRESSION_THRESHOLD: number;
export function passEncoding(res: ServerResponse): void;
export function acceptedEncodings(header: string | null | undefined): Set<string>;
