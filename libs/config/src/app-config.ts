import { z } from 'zod';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '@partyflow/domain';

/**
 * The one place that reads the environment. Everything else receives an AppConfig.
 * Names and defaults are documented in the README.
 */
const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  PARTYFLOW_DATA_DIR: z.string().default('.data'),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('partyflow-v1'),
  /** An API call to Temporal for committed rows (a start, a Schedule) is tried this many times (issue 7 §3)… */
  TEMPORAL_CALL_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /** …each try bounded by this deadline, in milliseconds. */
  TEMPORAL_CALL_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The largest JSON request body, in bytes (issue 11 §6); larger answers 413 PAYLOAD_TOO_LARGE. */
  API_JSON_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(10 * 1024 * 1024)
    .default(100 * 1024),
  /** The largest CSV body of the activity-records import (POST /imports/{kind}), in bytes. */
  API_RECORDS_CSV_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(5 * 1024 * 1024),
  /** The largest file of the spreadsheet imports (POST /imports/members|organisations|users), in bytes. */
  API_IMPORT_FILE_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(100 * 1024 * 1024),
  /** Origins (comma-separated, e.g. https://partyflow.example.vn) allowed to call the API cross-origin; none by default. */
  API_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().url('must be origins like https://host[:port], comma-separated'))),
  /** The Retry-After, in seconds, of the 503 answered while PostgreSQL is unreachable (issue 11 §7). */
  API_RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  JWT_SECRET: z.string().min(16).default('partyflow-demo-secret-change-me'),
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 3600),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug']).default('log'),
  /** 'production' makes the worker load the prebuilt workflow bundle (see AppConfig.worker). */
  NODE_ENV: z.string().optional(),
  /** Overrides the worker's choice: 'prebuilt' (the file `nx build worker` writes) or 'source' (bundle at start). */
  PARTYFLOW_WORKFLOW_BUNDLE: z.enum(['prebuilt', 'source']).optional(),
  /** The prebuilt bundle's file; default dist/apps/worker/workflow-bundle.js. */
  PARTYFLOW_WORKFLOW_BUNDLE_PATH: z.string().min(1).optional(),
  /** The zone of every local date (issue 7 §1); an IANA name. */
  PARTYFLOW_TIME_ZONE: z
    .string()
    .default(DEFAULT_TIME_ZONE)
    .refine(isValidTimeZone, 'must be an IANA time zone, e.g. Asia/Ho_Chi_Minh'),
  /** The built web page (issue 10) the API serves at /app; default dist/apps/web (`nx build web` writes it). */
  PARTYFLOW_WEB_DIST: z.string().min(1).default('dist/apps/web'),
  /** '1': the API checks every 2xx JSON answer against the route's declared response schema (tests; issue 10). */
  PARTYFLOW_VALIDATE_RESPONSES: z.enum(['0', '1']).default('0'),
});

export type TemporalCallPolicy = { attempts: number; timeoutMs: number };

export type AppConfig = {
  databaseUrl: string | undefined;
  dataDir: string;
  temporal: {
    address: string;
    namespace: string;
    taskQueue: string;
    /** The bounded retries of the API's Temporal calls for committed rows. */
    call: TemporalCallPolicy;
  };
  /**
   * `webDist`: the directory of the built web page, served at /app when it exists. `limits`: the largest
   * request bodies in bytes (issue 11 §6). `corsOrigins`: the origins allowed cross-origin (none: same origin
   * only). `retryAfterSeconds`: the Retry-After of a 503 while the database is down (issue 11 §7).
   */
  api: {
    port: number;
    webDist: string;
    limits: { jsonBytes: number; recordsCsvBytes: number; importFileBytes: number };
    corsOrigins: string[];
    retryAfterSeconds: number;
  };
  auth: { jwtSecret: string; tokenTtlSeconds: number };
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  /** IANA zone of local dates; the API and the worker pass it to `configureTimeZone` at start-up. */
  timeZone: string;
  /**
   * The worker's workflow code: 'prebuilt' loads the bundle `nx build worker` wrote (production:
   * NODE_ENV=production), 'source' bundles workflows/ at start-up (development: the demo, tests).
   * PARTYFLOW_WORKFLOW_BUNDLE overrides the choice, PARTYFLOW_WORKFLOW_BUNDLE_PATH the file.
   */
  worker: { workflowBundle: 'prebuilt' | 'source'; workflowBundlePath: string | undefined };
  /**
   * The API answers 500 RESPONSE_SCHEMA_MISMATCH when a route's 2xx answer does not match its declared
   * OpenAPI response schema, or the route declares none (PARTYFLOW_VALIDATE_RESPONSES=1; the e2e harness).
   */
  validateResponses: boolean;
};

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.PARTYFLOW_DATA_DIR,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      call: { attempts: e.TEMPORAL_CALL_ATTEMPTS, timeoutMs: e.TEMPORAL_CALL_TIMEOUT_MS },
    },
    api: {
      port: e.API_PORT,
      webDist: e.PARTYFLOW_WEB_DIST,
      limits: {
        jsonBytes: e.API_JSON_BODY_LIMIT_BYTES,
        recordsCsvBytes: e.API_RECORDS_CSV_LIMIT_BYTES,
        importFileBytes: e.API_IMPORT_FILE_LIMIT_BYTES,
      },
      corsOrigins: e.API_CORS_ORIGINS.map((o) => new URL(o).origin),
      retryAfterSeconds: e.API_RETRY_AFTER_SECONDS,
    },
    auth: { jwtSecret: e.JWT_SECRET, tokenTtlSeconds: e.JWT_TTL_SECONDS },
    logLevel: e.LOG_LEVEL,
    timeZone: e.PARTYFLOW_TIME_ZONE,
    worker: {
      workflowBundle: e.PARTYFLOW_WORKFLOW_BUNDLE ?? (e.NODE_ENV === 'production' ? 'prebuilt' : 'source'),
      workflowBundlePath: e.PARTYFLOW_WORKFLOW_BUNDLE_PATH,
    },
    validateResponses: e.PARTYFLOW_VALIDATE_RESPONSES === '1',
  };
}
