export function maxUploadBytes(env?: NodeJS.ProcessEnv): number;
export function maxRequestBytes(env?: NodeJS.ProcessEnv): number;
