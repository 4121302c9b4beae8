import type { z } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';

/** The OpenAPI schema of a request body, generated from the same zod schema that validates it. */
export function openApiSchema(schema: z.ZodTypeAny): Record<string, unknown> {
  const json = zodToJsonSchema(schema, { target: 'openApi3', $refStrategy: 'none' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}
