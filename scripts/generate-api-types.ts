/**
 * Writes the typed client's types (lib/api/api-v1-schema.d.ts) from the API's OpenAPI
 * description. Run after changing an endpoint: tests/integration/openapi-description.test.ts
 * fails while the file is out of date.
 */
import fs from "node:fs";
import { API_TYPES_FILE, generateApiTypes } from "../tests/support/api-types";

void generateApiTypes().then((types) => {
  fs.writeFileSync(API_TYPES_FILE, types);
  console.log(`wrote ${API_TYPES_FILE}`);
});
