import type { NextFunction, Request, Response } from 'express';
import type { ApiErrorBody } from './api-error';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

type ParameterSchema = { enum?: unknown[]; format?: string };
type Operation = { parameters?: { in: string; name: string; schema?: ParameterSchema }[] };

const UUID_SEGMENT = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What a path parameter's segment may be: one of its enum, a uuid, else any segment. */
function segmentPattern(schema: ParameterSchema | undefined): string {
  if (schema?.enum) return `(?:${schema.enum.map((v) => escape(String(v))).join('|')})`;
  if (schema?.format === 'uuid') return UUID_SEGMENT;
  return '[^/]+';
}

/**
 * A path template of the OpenAPI document (`/members/{id}`) as a regular expression: its shape (any segment for a
 * parameter) or, with `values`, each parameter's segment one of its declared values (an enum, a uuid).
 */
function pathPattern(template: string, operations: Record<string, Operation>, values: boolean): RegExp {
  const schemas = new Map<string, ParameterSchema | undefined>();
  for (const op of Object.values(operations))
    for (const p of op.parameters ?? []) if (p.in === 'path') schemas.set(p.name, p.schema);
  const segment = (name: string) => (values ? segmentPattern(schemas.get(name)) : '[^/]+');
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? segment(part.slice(1, -1)) : escape(part)))
    .join('');
  return new RegExp(`^${source}/?$`, 'i');
}

/** The number of fixed segments of a template: a request matching several is served by the most specific. */
const literalSegments = (template: string) => template.split('/').filter((s) => s && !s.startsWith('{')).length;

/**
 * Issue 11: a method that a path of the API does not support (TRACE, or DELETE on /members) answers 405 with an
 * Allow header, in the API's error format, instead of the router's 404. The paths, their methods and the values
 * of their path parameters are the OpenAPI document's, so this never disagrees with the contract. Of the templates
 * a path has the shape of, the most specific (most fixed segments) decide, so `PATCH /criteria/in-force` is a 405
 * and not a 400 of `/criteria/{id}`; of those, the ones whose parameters' values it matches give the allowed
 * methods (`GET /imports/attendance` is `/imports/{kind}`, POST only, not `/imports/{id}`). A path whose values
 * match none of them passes on (the route answers 400 for a malformed id), as do OPTIONS (CORS answers it), HEAD
 * wherever GET is allowed, and paths outside the API (the web page, /docs).
 */
export function methodNotAllowed(doc: { paths: object }) {
  const paths = doc.paths as Record<string, Record<string, Operation>>;
  const routes = Object.entries(paths).map(([template, operations]) => ({
    shape: pathPattern(template, operations, false),
    values: pathPattern(template, operations, true),
    literals: literalSegments(template),
    methods: Object.keys(operations).filter((m) => METHODS.includes(m)),
  }));
  return (req: Request, res: Response, next: NextFunction): void => {
    const method = req.method.toLowerCase();
    if (method === 'options') return next();
    const shaped = routes.filter((route) => route.shape.test(req.path));
    const specific = Math.max(...shaped.map((route) => route.literals));
    const matching = shaped.filter((route) => route.literals === specific && route.values.test(req.path));
    const allowed = new Set(matching.flatMap((route) => route.methods));
    if (allowed.size === 0 || allowed.has(method) || (method === 'head' && allowed.has('get'))) return next();
    if (allowed.has('get')) allowed.add('head');
    const allow = METHODS.concat('head')
      .filter((m) => allowed.has(m))
      .map((m) => m.toUpperCase())
      .join(', ');
    res.setHeader('Allow', allow);
    res.status(405).json({
      error: {
        code: 'METHOD_NOT_ALLOWED',
        message: `Phương thức ${req.method} không dùng được với đường dẫn này; dùng: ${allow}`,
      },
    } satisfies ApiErrorBody);
  };
}
