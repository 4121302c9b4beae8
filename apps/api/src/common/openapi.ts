import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { z } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';

/** The OpenAPI schema of a request body, generated from the same zod schema that validates it. */
export function openApiSchema(schema: z.ZodTypeAny): Record<string, unknown> {
  const json = zodToJsonSchema(schema, { target: 'openApi3', $refStrategy: 'none' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/** Route metadata: what a route answers on success, read by the ResponseSchemaInterceptor. */
export const RESPONSE_SCHEMA = 'partyflow:response-schema';

export type ResponseStatus = 200 | 201 | 202;

export type DeclaredResponse = {
  status: ResponseStatus;
  /** The JSON answer (an array when declared with `list: true`). */
  schema: z.ZodTypeAny;
  /** Content types of a file the route may answer instead of JSON (report downloads). */
  files?: string[];
};

/** Named response schemas, added to the document's components.schemas by `addResponseComponents`. */
const components = new Map<string, { zod: z.ZodTypeAny; json: Record<string, unknown> }>();

function componentRef(name: string, schema: z.ZodTypeAny): Record<string, unknown> {
  const known = components.get(name);
  if (known && known.zod !== schema) throw new Error(`Two response schemas are named '${name}'`);
  if (!known) components.set(name, { zod: schema, json: openApiSchema(schema) });
  return { $ref: `#/components/schemas/${name}` };
}

/** Adds the named response schemas to an OpenAPI document (apps/api/src/api.factory.ts). */
export function addResponseComponents(doc: { components?: { schemas?: Record<string, unknown> } }): void {
  doc.components ??= {};
  doc.components.schemas ??= {};
  for (const [name, { json }] of components) doc.components.schemas[name] = json;
}

export type ApiResultOptions = {
  /** The HTTP status of the success (POST answers 201 unless @HttpCode says otherwise). Default 200. */
  status?: ResponseStatus;
  /** The answer is an array of `schema`. */
  list?: boolean;
  /** Names the schema as a component (components.schemas[name]), so generated client types are readable. */
  name?: string;
  description?: string;
  /** The route may answer a file of these content types instead of JSON (e.g. ?format=csv). */
  files?: string[];
};

/**
 * Declares a route's success answer (issue 10): in the OpenAPI document (from the zod schema, named
 * when `name` is given) and as route metadata, so that with PARTYFLOW_VALIDATE_RESPONSES=1 every answer
 * is checked against it (ResponseSchemaInterceptor).
 */
export function ApiResult(schema: z.ZodTypeAny, options: ApiResultOptions = {}): MethodDecorator {
  const status = options.status ?? 200;
  const one = options.name ? componentRef(options.name, schema) : openApiSchema(schema);
  const json = options.list ? { type: 'array', items: one } : one;
  const content: Record<string, { schema: Record<string, unknown> }> = { 'application/json': { schema: json } };
  for (const type of options.files ?? []) content[type] = { schema: { type: 'string', format: 'binary' } };
  const declared: DeclaredResponse = {
    status,
    schema: options.list ? (schema.array() as z.ZodTypeAny) : schema,
    ...(options.files ? { files: options.files } : {}),
  };
  return applyDecorators(
    SetMetadata(RESPONSE_SCHEMA, declared),
    ApiResponse({ status, description: options.description ?? 'Thành công', content }),
  );
}
