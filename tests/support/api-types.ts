import openapiTS, { astToString } from "openapi-typescript";
import { openApiDocument } from "@/lib/api/openapi";

/** Where the typed client's types live (generated from the description; a test keeps them current). */
export const API_TYPES_FILE = "lib/api/api-v1-schema.d.ts";

const HEADER = "// Generated from the OpenAPI description of /api/v1 by `npx tsx scripts/generate-api-types.ts`. Do not edit.\n";

/** TypeScript types for the API, made by openapi-typescript from the served description. */
export async function generateApiTypes(): Promise<string> {
  const ast = await openapiTS(structuredClone(openApiDocument()) as never, { alphabetize: true, defaultNonNullable: false });
  return HEADER + astToString(ast);
}
