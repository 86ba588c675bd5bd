export function maxUploadBytes(env?: NodeJS.ProcessEnv): number;
