import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiQuery, ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';
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

function componentRef(name: string, schema: z.ZodTypeAny, json?: Record<string, unknown>): Record<string, unknown> {
  const known = components.get(name);
  if (known && known.zod !== schema) throw new Error(`Two response schemas are named '${name}'`);
  if (!known) components.set(name, { zod: schema, json: json ?? openApiSchema(schema) });
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
  /** The OpenAPI schema, when the generated one will not do (a recursive schema: zod-to-json-schema cannot). */
  jsonSchema?: Record<string, unknown>;
};

/** The query parameters of a list paged by cursor (common/keyset.ts CURSOR_PARAMS, issue 13 §3). */
export function ApiCursorQuery(): MethodDecorator {
  return applyDecorators(
    ApiQuery({ name: 'pageSize', required: false, description: 'số dòng của một trang: 1–200, mặc định 50' }),
    ApiQuery({
      name: 'cursor',
      required: false,
      description: 'giá trị next của trang trước; bỏ trống để đọc trang đầu',
    }),
  );
}

/**
 * Declares a route's success answer (issue 10): in the OpenAPI document (from the zod schema, named
 * when `name` is given) and as route metadata, so that with PARTYFLOW_VALIDATE_RESPONSES=1 every answer
 * is checked against it (ResponseSchemaInterceptor).
 */
export function ApiResult(schema: z.ZodTypeAny, options: ApiResultOptions = {}): MethodDecorator {
  const status = options.status ?? 200;
  const one = options.name
    ? componentRef(options.name, schema, options.jsonSchema)
    : (options.jsonSchema ?? openApiSchema(schema));
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

/**
 * Declares a route that answers only a file (issue 14 §7: a document as DOCX or PDF): its content types as binary
 * strings in the OpenAPI document, and the route metadata the ResponseSchemaInterceptor checks (a file, never JSON).
 */
export function ApiFile(types: string[], description = 'Tệp văn bản'): MethodDecorator {
  const declared: DeclaredResponse = { status: 200, schema: z.never(), files: types };
  const content = Object.fromEntries(types.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]));
  return applyDecorators(SetMetadata(RESPONSE_SCHEMA, declared), ApiResponse({ status: 200, description, content }));
}

/**
 * The API's error answer (api-error.ts: ApiErrorBody), the schema of every error response in the document; a CSV
 * import's refusal adds `details` (the row and column, records/csv-import.error.ts).
 */
export const ApiErrorResponse = z
  .object({
    error: z
      .object({
        code: z.string(),
        message: z.string(),
        field: z.string().optional(),
        details: z.record(z.unknown()).optional(),
      })
      .strict(),
  })
  .strict();

/** The error statuses the document declares (issue 11: every operation declares the errors it can answer). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503;

const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'Yêu cầu không hợp lệ (error.field nêu trường sai)',
  401: 'Chưa đăng nhập, mã truy cập không hợp lệ hoặc hết hạn',
  403: 'Không có quyền với thao tác hoặc tổ chức này',
  404: 'Không tìm thấy',
  409: 'Xung đột với trạng thái hiện tại (error.code nêu lý do)',
  413: 'Nội dung yêu cầu quá lớn',
  415: 'Kiểu nội dung (Content-Type) không được nhận',
  429: 'Quá nhiều yêu cầu; thử lại sau',
  503: 'Hệ thống tạm thời không phục vụ được (ví dụ cơ sở dữ liệu không trả lời); thử lại sau (header Retry-After)',
};

function errorResponse(status: ErrorStatus): {
  description: string;
  content: Record<string, { schema: Record<string, unknown> }>;
} {
  return {
    description: ERROR_DESCRIPTIONS[status],
    content: { 'application/json': { schema: componentRef('ApiError', ApiErrorResponse) } },
  };
}

/**
 * A route's error answers beyond the defaults `completeContract` gives every operation (e.g. 401 and 429 on the
 * login, 404 on a route whose body names a missing row, 409 on a read that refuses a state).
 */
export function ApiErrors(...statuses: ErrorStatus[]): MethodDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, ...errorResponse(status) })));
}

type Parameter = { name: string; in: string; schema?: Record<string, unknown>; description?: string };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, unknown> };
  security?: unknown[];
  responses: Record<string, unknown>;
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
};

const UUID_SCHEMA = { type: 'string', format: 'uuid' };
const DATE_SCHEMA = { type: 'string', format: 'date' };
const count = (minimum: number, maximum: number, fallback: number) => ({
  type: 'integer',
  minimum,
  maximum,
  default: fallback,
});

/**
 * The schema of a parameter by its name, where one name means one thing across the API (validated by parseUuid,
 * `localDate` and keyset.ts CURSOR_PARAMS). A route whose parameter differs (a `limit`, a `year`) declares its own
 * schema in its @ApiQuery/@ApiParam, which is kept.
 */
const PARAMETER_SCHEMAS: Record<string, Record<string, unknown>> = {
  'path:id': UUID_SCHEMA,
  'path:orgId': UUID_SCHEMA,
  'path:assignmentId': UUID_SCHEMA,
  'path:date': DATE_SCHEMA,
  'query:orgId': UUID_SCHEMA,
  'query:rootId': UUID_SCHEMA,
  'query:caseId': UUID_SCHEMA,
  'query:actorUserId': UUID_SCHEMA,
  'query:from': DATE_SCHEMA,
  'query:to': DATE_SCHEMA,
  'query:onDate': DATE_SCHEMA,
  'query:pageSize': count(1, 200, 50),
  'query:cursor': { type: 'string', maxLength: 2000 },
};

/** A parameter's schema says no more than "a string" (what @ApiParam/@ApiQuery give without a schema). */
const untyped = (schema: Record<string, unknown> | undefined) =>
  !schema || Object.keys(schema).every((key) => ['type', 'example'].includes(key) && schema[key] !== 'integer');

const WRITES = new Set(['post', 'put', 'patch', 'delete']);

/**
 * Completes the document's contract (issue 11), so that no operation is without it and a new route needs nothing:
 * - every parameter named in PARAMETER_SCHEMAS gets its format (path ids `format: uuid`, dates `format: date`,
 *   paging integers with their bounds);
 * - every operation declares, in the API's error format (ApiErrorResponse), the errors it can answer: 400 when it
 *   takes a parameter or a body; 401 and 403 when it needs a token; 404 when it names a row (a path parameter, a
 *   uuid query parameter or a body, whose ids may name none); 409 on an authenticated write; 415 when its body is
 *   not JSON (a file upload); 413 (body limits) and 503 (database down) on every operation. Routes add their own
 *   with @ApiErrors (401 and 429 on the login).
 */
export function completeContract(document: { paths: object }): void {
  const doc = document as Document;
  for (const methods of Object.values(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters = op.parameters ?? [];
      for (const parameter of parameters) {
        const known = PARAMETER_SCHEMAS[`${parameter.in}:${parameter.name}`];
        // Any other parameter without a type is text (a query parameter arrives as a string).
        if (untyped(parameter.schema)) parameter.schema = { type: 'string', ...parameter.schema, ...known };
      }
      const statuses: ErrorStatus[] = [413, 503];
      if (parameters.length > 0 || op.requestBody) statuses.push(400);
      const authenticated = (op.security ?? []).length > 0;
      if (authenticated) statuses.push(401, 403);
      const namesRow = (p: Parameter) => p.in === 'path' || (p.in === 'query' && p.schema?.format === 'uuid');
      if (authenticated && (parameters.some(namesRow) || op.requestBody)) statuses.push(404);
      if (authenticated && WRITES.has(method)) statuses.push(409);
      const bodyTypes = Object.keys(op.requestBody?.content ?? {});
      if (bodyTypes.some((type) => type !== 'application/json')) statuses.push(415);
      for (const status of statuses) op.responses[status] ??= errorResponse(status);
      op.responses = Object.fromEntries(Object.entries(op.responses).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
}
