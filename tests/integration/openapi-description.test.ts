/**
 * The API's OpenAPI description (issue 19): valid by a standard validator, covering every
 * /api/v1 route file with the methods it exports, and matching the typed client's committed types.
 */
import fs from "node:fs";
import path from "node:path";
import { validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import { API_TYPES_FILE, generateApiTypes } from "../support/api-types";

const root = path.join(__dirname, "../..");
type Document = { openapi: string; paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown>; security: unknown[] }>> };
const description = () => structuredClone(openApiDocument()) as Document;

describe("the OpenAPI description", () => {
  it("is a valid OpenAPI 3.1 document (@readme/openapi-parser)", async () => {
    const result = await validate(description() as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.specification).toBe("OpenAPI");
    expect(description().openapi).toBe("3.1.0");
  });

  it("a broken description is caught by the same validator (the check can fail)", async () => {
    const dangling = description() as Document & { components: { schemas: Record<string, unknown> } };
    delete dangling.components.schemas.Segment; // referenced by the segment endpoints
    expect((await validate(dangling as never)).valid).toBe(false);
    const badParameter = description();
    (badParameter.paths["/segments/{segmentId}"]!.get as unknown as { parameters: { in: string }[] }).parameters[0]!.in = "body";
    expect((await validate(badParameter as never)).valid).toBe(false);
  });

  it("describes every route file under app/api/v1 with exactly the methods it exports", async () => {
    const files = fs.readdirSync(path.join(root, "app/api/v1"), { recursive: true, encoding: "utf8" }).filter((f) => path.basename(f) === "route.ts");
    const served: string[] = [];
    for (const file of files) {
      const route = path.dirname(file).split(path.sep).join("/");
      if (route === "openapi.json") continue; // the description itself
      const module = (await import(/* @vite-ignore */ path.join(root, "app/api/v1", file))) as Record<string, unknown>;
      const apiPath = "/" + route.replace(/\[(\w+)\]/g, "{$1}");
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) if (module[method]) served.push(`${method.toLowerCase()} ${apiPath}`);
    }
    const described = Object.entries(description().paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
    expect(described.sort()).toEqual(served.sort());
    expect(served.length).toBeGreaterThanOrEqual(30);
  });

  it("every operation has an id, names its scope and describes 401, 403 and 429 with the error shape", () => {
    for (const [p, ops] of Object.entries(description().paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.operationId, `${method} ${p}`).toBeTruthy();
        expect(Object.keys(op.responses), `${method} ${p}`).toEqual(expect.arrayContaining(["401", "403", "429"]));
        expect(JSON.stringify(op.responses["401"])).toContain("#/components/schemas/Error");
        expect(JSON.stringify(op.security)).toMatch(/"bearer":\["(read|write|review|admin)"\]/);
      }
    }
  });

  it("every operation with a JSON body describes the 413 for a list over the limit (answered before its schema is checked)", () => {
    let withJson = 0;
    for (const [p, ops] of Object.entries(description().paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const body = (op as { requestBody?: { content: Record<string, unknown> } }).requestBody;
        if (!body?.content["application/json"]) continue;
        withJson++;
        const tooLong = op.responses["413"] as { description: string } | undefined;
        expect(tooLong?.description, `${method} ${p}`).toContain("list-too-long");
        expect(tooLong!.description).toContain("100,000");
        expect(JSON.stringify(tooLong)).toContain("#/components/schemas/Error");
      }
    }
    expect(withJson).toBeGreaterThanOrEqual(10);
    // An upload's 413 stays about its size.
    expect((description().paths["/projects/{projectId}/documents/upload"]!.post!.responses["413"] as { description: string }).description).not.toContain("list-too-long");
  });

  it("the typed client's types are generated from this description (run scripts/generate-api-types.ts after changing an endpoint)", async () => {
    expect(fs.readFileSync(path.join(root, API_TYPES_FILE), "utf8")).toBe(await generateApiTypes());
  });
});
