import type { ApiEndpoint } from "../endpoint";
import * as commentsVersions from "./comments-versions";
import * as documents from "./documents";
import * as glossaryMemory from "./glossary-memory";
import * as me from "./me";
import * as projects from "./projects";
import * as segments from "./segments";

/** Every endpoint of /api/v1, in the order the description lists them. */
export const ALL_ENDPOINTS: ApiEndpoint<never, never, never>[] = [me, projects, documents, segments, commentsVersions, glossaryMemory].flatMap((group) => Object.values(group) as ApiEndpoint<never, never, never>[]);
