import type { IncomingMessage, ServerResponse } from "node:http";

export interface StaticAsset {
  type: string;
  tag: string;
  bodies: Partial<Record<"br" | "gzip", Buffer>>;
}
export function precompressStatic(distDir: string): Promise<number>;
export function staticAssets(distDir: string): Map<string, StaticAsset>;
export function answerStaticAsset(assets: Map<string, StaticAsset>, req: IncomingMessage, res: ServerResponse): boolean;
