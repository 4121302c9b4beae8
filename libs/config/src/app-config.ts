import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_DURATIONS,
  DEFAULT_EVIDENCE_VALIDITY,
  DEFAULT_TIME_ZONE,
  isValidTimeZone,
  type EvidenceValidity,
  type LoginLimits,
} from '@partyflow/domain';

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
  /** The address the API binds: loopback by default; 0.0.0.0 in a container, so its port can be published. */
  API_HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * The HS256 signing key of bearer tokens: at least 32 random bytes, base64 or base64url (43+ characters), e.g.
   * `openssl rand -base64 32`. No default: the API refuses to start without it (issue 11 §1, `requireJwtKey`);
   * the demo launcher and the test harness generate one (`generateJwtSecret`).
   */
  JWT_SECRET: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .optional()
      .superRefine((v, ctx) => {
        const problem = v === undefined ? null : jwtSecretProblem(v);
        if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
      }),
  ),
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
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 3600),
  /** scrypt's cost of new password hashes, log2 N (r=8, p=1); 17 is OWASP's N=2^17 (issue 11 §4). */
  PARTYFLOW_SCRYPT_LOG2N: z.coerce.number().int().min(10).max(20).default(17),
  /** Login throttling (issue 11 §4): attempts counted per fixed window of this many seconds… */
  PARTYFLOW_LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /** …at most this many per username (known or not) in a window, then 429… */
  PARTYFLOW_LOGIN_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  /** …and at most this many per client address. */
  PARTYFLOW_LOGIN_MAX_PER_ADDRESS: z.coerce.number().int().min(1).default(100),
  /** This many failed logins in a row lock the username for PARTYFLOW_LOGIN_LOCKOUT_SECONDS (audited). */
  PARTYFLOW_LOGIN_LOCKOUT_FAILURES: z.coerce.number().int().min(1).default(5),
  PARTYFLOW_LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /**
   * Express's `trust proxy` (https://expressjs.com/en/guide/behind-proxies.html): unset, the client address is the
   * TCP peer; behind a reverse proxy set the proxies (`loopback`, an address or subnet list, or a hop count) so the
   * per-address login limit counts the real client from X-Forwarded-For.
   */
  PARTYFLOW_TRUST_PROXY: z.string().min(1).optional(),
  /** The JSON logs' level (pino's names; 'log' is the older name of 'info'); 'silent' writes none. */
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'log', 'debug', 'trace', 'silent'])
    .default('info')
    .transform((v) => (v === 'log' ? 'info' : v)),
  /** The bound of each part of a /health/ready check (PostgreSQL, Temporal), in milliseconds (issue 12 §4). */
  /**
   * How long a query of the API or the worker waits for a PostgreSQL connection (all of the pool's busy, or the
   * server unreachable) before it fails (the API answers 503), in milliseconds.
   */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  HEALTH_CHECK_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2_000),
  /** The bound of the PostgreSQL queries behind the task and event gauges of /metrics, in milliseconds. */
  METRICS_QUERY_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2_000),
  /**
   * When set, /metrics of the API and of the worker answer only a scrape with `Authorization: Bearer <token>`
   * (Prometheus' `authorization` setting); unset, they are open and the network is the boundary.
   */
  METRICS_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16).optional()),
  /** The worker's HTTP server (/health/live, /health/ready, /metrics): its address; unset port = no server. */
  WORKER_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  /** 0 takes a free port (written in the start-up log line). */
  WORKER_HTTP_PORT: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().int().min(0).max(65535).optional(),
  ),
  /**
   * host:port where the Temporal SDK's own Prometheus exporter listens (the Runtime's telemetry); the worker's
   * /metrics includes what it serves. Unset: the SDK exports no metrics.
   */
  TEMPORAL_SDK_METRICS_ADDRESS: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^[^\s:]+:[1-9]\d{0,4}$/, 'must be host:port with a port above 0, e.g. 127.0.0.1:9465')
      .optional(),
  ),
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
  /**
   * Traces (issue 12 §4): the OTLP/HTTP receiver's base URL (spans go to `<url>/v1/traces`, JSON), e.g.
   * http://127.0.0.1:4318. Unset: no exporter, no tracer, nothing sent.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  /** The traces' `service.name`; default partyflow-api for the API, partyflow-worker for the worker. */
  OTEL_SERVICE_NAME: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional()),
  /** E-mail (issue 12 §5): the SMTP server mails go through. Unset: mails stay queued in mail_outbox, none is sent. */
  SMTP_HOST: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional()),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  /** 'true': TLS from the first byte (port 465); 'false': plain, upgraded by STARTTLS when the server offers it. */
  SMTP_SECURE: z.enum(['true', 'false']).default('false'),
  SMTP_USER: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  SMTP_PASSWORD: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  /** The From of every mail, e.g. `Partyflow <partyflow@example.vn>`. */
  MAIL_FROM: z.string().min(3).default('Partyflow <partyflow@localhost>'),
  /** The web page's address as users reach it (links in mails); default the API's own address, which serves /app. */
  PUBLIC_WEB_URL: z.string().url().optional(),
  /** The daily digest's local time of day (HH:MM in PARTYFLOW_TIME_ZONE). */
  MAIL_DIGEST_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (00:00 to 23:59)')
    .default('07:00'),
  /**
   * The audit ledger's daily digest (issue 14 §5): the local time of day (HH:MM in PARTYFLOW_TIME_ZONE) the
   * audit-chain-digest Schedule records the chain's head; late in the day, so that the digest holds the day's rows.
   */
  AUDIT_DIGEST_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (00:00 to 23:59)')
    .default('23:50'),
  /**
   * A late step's re-promise (issue 14 §3, phiếu hẹn lại): the new date is at most this many working days after the
   * day it is made, and a task may be re-promised at most this many times. [A] No rule was found: one-stop offices
   * re-promise once; ten working days is a default to configure.
   */
  TASK_REPROMISE_MAX_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(10),
  TASK_REPROMISE_MAX_TIMES: z.coerce.number().int().min(1).max(5).default(1),
  /** How often queued mails are sent (the mail-dispatch Schedule), in seconds. */
  MAIL_SEND_INTERVAL_SECONDS: z.coerce.number().int().min(10).max(3600).default(60),
  /** A mail refused temporarily (SMTP 4xx) is tried this many times in all, then marked failed. */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** At most this many mails per send activity. */
  MAIL_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  /** The demo's local SMTP catcher (infra/demo/mail-catcher.ts): its SMTP port and its web viewer's port. */
  DEMO_MAIL_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(1025),
  DEMO_MAIL_VIEWER_PORT: z.coerce.number().int().min(0).max(65535).default(1080),
  /**
   * Months of probation of the admission cases started from now on; unset: the 12 of the Party Charter [R18]. Fewer
   * only to drive whole cases in real time (the chaos run, issue 12 §2); refused with NODE_ENV=production.
   */
  PARTYFLOW_PROBATION_MONTHS: z.coerce.number().int().min(0).max(12).optional(),
  /**
   * Issue 14 §4: how many months each piece of admission evidence stays valid, for cases started from now on (see
   * EVIDENCE_VALIDITY_DEFAULTS in libs/domain for the sources; all are assumptions [A] to configure).
   */
  EVIDENCE_VALIDITY_CERTIFICATE_MONTHS: z.coerce
    .number()
    .int()
    .min(1)
    .max(120)
    .default(DEFAULT_EVIDENCE_VALIDITY.course_certificate),
  EVIDENCE_VALIDITY_BACKGROUND_MONTHS: z.coerce
    .number()
    .int()
    .min(1)
    .max(60)
    .default(DEFAULT_EVIDENCE_VALIDITY.background_check),
  EVIDENCE_VALIDITY_OPINION_MONTHS: z.coerce
    .number()
    .int()
    .min(1)
    .max(60)
    .default(DEFAULT_EVIDENCE_VALIDITY.opinion_residence),
  /** The launchers' embedded PostgreSQL port (start:demo, start:cluster; unused with DATABASE_URL) (issue 12 §1). */
  PARTYFLOW_POSTGRES_PORT: z.coerce.number().int().min(1).max(65535).default(5433),
  /** The Temporal Web UI's port (the dev server's UI in start:demo, the UI server in start:cluster). */
  TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  /**
   * start:cluster's Temporal server: its other ports are this one and the next seven (frontend HTTP, the history,
   * matching and worker gRPC ports, the four membership ports); the frontend's gRPC port is TEMPORAL_ADDRESS's.
   * Below 32760: the server stores membership ports in a smallint column and dies on a larger one.
   */
  TEMPORAL_SERVER_PORT_BASE: z.coerce.number().int().min(1).max(32_760).default(7234),
  /** start:cluster's Temporal persistence and visibility databases, on the launcher's PostgreSQL server. */
  TEMPORAL_DB: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL name')
    .default('temporal'),
  TEMPORAL_VISIBILITY_DB: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL name')
    .default('temporal_visibility'),
  /** start:cluster's API instances, one per port (comma-separated); the round-robin proxy listens on API_PORT. */
  PARTYFLOW_CLUSTER_API_PORTS: z
    .string()
    .default('3001,3002')
    .transform((v) =>
      v
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)
        .map(Number),
    )
    .pipe(z.array(z.number().int().min(1).max(65535), { message: 'must be ports, comma-separated' }).min(1)),
  /** start:cluster's worker processes. */
  PARTYFLOW_CLUSTER_WORKERS: z.coerce.number().int().min(1).max(16).default(2),
  /** The launchers restart a part that died at most this many times (then stop everything)… */
  PARTYFLOW_RESTART_LIMIT: z.coerce.number().int().min(0).max(100).default(5),
  /** …after a pause of this many milliseconds, doubled at each restart of the same part (at most 30 s). */
  PARTYFLOW_RESTART_BACKOFF_MS: z.coerce.number().int().min(0).max(30_000).default(1_000),
});

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The environment variables the configuration reads: what a deployment file may set (test/deploy checks it). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);

export type TemporalCallPolicy = { attempts: number; timeoutMs: number };

export type AppConfig = {
  databaseUrl: string | undefined;
  /** DATABASE_CONNECT_TIMEOUT_MS: the pool's wait for a connection (libs/persistence `connectTimeoutMs`). */
  databaseConnectTimeoutMs: number;
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
   * `trustProxy`: Express's trust proxy setting, so that the client's address is the proxy's X-Forwarded-For.
   */
  api: {
    port: number;
    /** The bind address (API_HOST). */
    host: string;
    webDist: string;
    limits: { jsonBytes: number; recordsCsvBytes: number; importFileBytes: number };
    corsOrigins: string[];
    retryAfterSeconds: number;
    trustProxy: string | number | undefined;
  };
  auth: {
    /** Undefined when JWT_SECRET is unset: the API refuses to start (`requireJwtKey`), the worker needs none. */
    jwtSecret: string | undefined;
    tokenTtlSeconds: number;
    /** scrypt's parameters for new hashes; an older hash is replaced at its next successful login. */
    passwordHashing: { log2N: number; r: number; p: number };
    /** POST /auth/login's limits (issue 11 §4); the counters live in PostgreSQL, shared by every API instance. */
    login: LoginLimits;
  };
  logLevel: LogLevel;
  /** `probationMonths`: the probation of new admission cases (12 [R18] unless PARTYFLOW_PROBATION_MONTHS). */
  admission: { probationMonths: number; evidenceValidity: EvidenceValidity };
  /** A late step's re-promise (issue 14 §3): how far and how often. */
  tasks: { repromise: { maxWorkingDays: number; maxTimes: number } };
  /** The audit ledger (issue 14 §5): when the daily digest of its chain's head is recorded. */
  audit: { digestTime: { hour: number; minute: number } };
  /**
   * Health checks and metrics (issue 12 §4): `healthTimeoutMs` bounds each part of /health/ready,
   * `metricsQueryTimeoutMs` the PostgreSQL queries of the task and event gauges, `metricsToken` (METRICS_TOKEN) the
   * bearer token a scrape of /metrics must carry (undefined: none).
   */
  observability: { healthTimeoutMs: number; metricsQueryTimeoutMs: number; metricsToken?: string };
  /** IANA zone of local dates; the API and the worker pass it to `configureTimeZone` at start-up. */
  timeZone: string;
  /**
   * The worker's workflow code: 'prebuilt' loads the bundle `nx build worker` wrote (production:
   * NODE_ENV=production), 'source' bundles workflows/ at start-up (development: the demo, tests).
   * PARTYFLOW_WORKFLOW_BUNDLE overrides the choice, PARTYFLOW_WORKFLOW_BUNDLE_PATH the file.
   */
  worker: {
    workflowBundle: 'prebuilt' | 'source';
    workflowBundlePath: string | undefined;
    /** The worker's HTTP server for health and metrics; `port` undefined: none. */
    http: { host: string; port: number | undefined };
    /** host:port of the Temporal SDK's Prometheus exporter; undefined: off. */
    temporalMetricsAddress: string | undefined;
  };
  /**
   * The API answers 500 RESPONSE_SCHEMA_MISMATCH when a route's 2xx answer does not match its declared
   * OpenAPI response schema, or the route declares none (PARTYFLOW_VALIDATE_RESPONSES=1; the e2e harness).
   */
  validateResponses: boolean;
  /**
   * OpenTelemetry traces (issue 12 §4), exported over OTLP/HTTP only when `otlpEndpoint` is set
   * (OTEL_EXPORTER_OTLP_ENDPOINT). `serviceName` (OTEL_SERVICE_NAME) overrides each process's default.
   */
  tracing: { otlpEndpoint: string | undefined; serviceName: string | undefined };
  mail: MailConfig;
  /**
   * The launchers' own settings (infra/demo, issue 12 §1): the embedded PostgreSQL's port, the Temporal Web UI's,
   * start:cluster's Temporal server (its first internal port, its databases), API ports and worker count, and how a
   * part that died is restarted (`restarts`: at most `limit` times, after `backoffMs` doubled each time).
   */
  launcher: {
    postgresPort: number;
    temporalUiPort: number;
    temporalServer: { portBase: number; database: string; visibilityDatabase: string };
    cluster: { apiPorts: number[]; workers: number };
    restarts: { limit: number; backoffMs: number };
  };
};

/**
 * E-mail (issue 12 §5). `smtp` undefined: no SMTP server configured; mails are queued but not sent and the
 * Schedules that send them are not created. `webBaseUrl`: the start of the task links in mails.
 */
export type MailConfig = {
  smtp:
    { host: string; port: number; secure: boolean; user: string | undefined; password: string | undefined } | undefined;
  from: string;
  webBaseUrl: string;
  digestTime: { hour: number; minute: number };
  sendIntervalSeconds: number;
  maxAttempts: number;
  batchSize: number;
  demo: { smtpPort: number; viewerPort: number };
};

/** The probation of the Party Charter [R18], in months. */
const CHARTER_PROBATION_MONTHS = DEFAULT_DURATIONS.probation.amount;

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  if (
    e.NODE_ENV === 'production' &&
    e.PARTYFLOW_PROBATION_MONTHS !== undefined &&
    e.PARTYFLOW_PROBATION_MONTHS !== CHARTER_PROBATION_MONTHS
  )
    throw new Error('Invalid configuration PARTYFLOW_PROBATION_MONTHS: production keeps the 12 months of [R18]');
  return {
    databaseUrl: e.DATABASE_URL,
    databaseConnectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
    dataDir: e.PARTYFLOW_DATA_DIR,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      call: { attempts: e.TEMPORAL_CALL_ATTEMPTS, timeoutMs: e.TEMPORAL_CALL_TIMEOUT_MS },
    },
    api: {
      port: e.API_PORT,
      host: e.API_HOST,
      webDist: e.PARTYFLOW_WEB_DIST,
      limits: {
        jsonBytes: e.API_JSON_BODY_LIMIT_BYTES,
        recordsCsvBytes: e.API_RECORDS_CSV_LIMIT_BYTES,
        importFileBytes: e.API_IMPORT_FILE_LIMIT_BYTES,
      },
      corsOrigins: e.API_CORS_ORIGINS.map((o) => new URL(o).origin),
      retryAfterSeconds: e.API_RETRY_AFTER_SECONDS,
      trustProxy:
        e.PARTYFLOW_TRUST_PROXY && /^\d+$/.test(e.PARTYFLOW_TRUST_PROXY)
          ? Number(e.PARTYFLOW_TRUST_PROXY)
          : e.PARTYFLOW_TRUST_PROXY,
    },
    auth: {
      jwtSecret: e.JWT_SECRET,
      tokenTtlSeconds: e.JWT_TTL_SECONDS,
      passwordHashing: { log2N: e.PARTYFLOW_SCRYPT_LOG2N, r: 8, p: 1 },
      login: {
        windowSeconds: e.PARTYFLOW_LOGIN_WINDOW_SECONDS,
        maxPerAccount: e.PARTYFLOW_LOGIN_MAX_PER_ACCOUNT,
        maxPerAddress: e.PARTYFLOW_LOGIN_MAX_PER_ADDRESS,
        lockoutFailures: e.PARTYFLOW_LOGIN_LOCKOUT_FAILURES,
        lockoutSeconds: e.PARTYFLOW_LOGIN_LOCKOUT_SECONDS,
      },
    },
    logLevel: e.LOG_LEVEL,
    admission: {
      probationMonths: e.PARTYFLOW_PROBATION_MONTHS ?? CHARTER_PROBATION_MONTHS,
      evidenceValidity: {
        course_certificate: e.EVIDENCE_VALIDITY_CERTIFICATE_MONTHS,
        background_check: e.EVIDENCE_VALIDITY_BACKGROUND_MONTHS,
        opinion_residence: e.EVIDENCE_VALIDITY_OPINION_MONTHS,
        opinion_mass_org: e.EVIDENCE_VALIDITY_OPINION_MONTHS,
      },
    },
    observability: {
      healthTimeoutMs: e.HEALTH_CHECK_TIMEOUT_MS,
      metricsQueryTimeoutMs: e.METRICS_QUERY_TIMEOUT_MS,
      metricsToken: e.METRICS_TOKEN,
    },
    timeZone: e.PARTYFLOW_TIME_ZONE,
    worker: {
      workflowBundle: e.PARTYFLOW_WORKFLOW_BUNDLE ?? (e.NODE_ENV === 'production' ? 'prebuilt' : 'source'),
      workflowBundlePath: e.PARTYFLOW_WORKFLOW_BUNDLE_PATH,
      http: { host: e.WORKER_HTTP_HOST, port: e.WORKER_HTTP_PORT },
      temporalMetricsAddress: e.TEMPORAL_SDK_METRICS_ADDRESS,
    },
    validateResponses: e.PARTYFLOW_VALIDATE_RESPONSES === '1',
    tracing: { otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, ''), serviceName: e.OTEL_SERVICE_NAME },
    tasks: {
      repromise: { maxWorkingDays: e.TASK_REPROMISE_MAX_WORKING_DAYS, maxTimes: e.TASK_REPROMISE_MAX_TIMES },
    },
    audit: {
      digestTime: { hour: Number(e.AUDIT_DIGEST_TIME.slice(0, 2)), minute: Number(e.AUDIT_DIGEST_TIME.slice(3, 5)) },
    },
    mail: {
      smtp: e.SMTP_HOST
        ? {
            host: e.SMTP_HOST,
            port: e.SMTP_PORT,
            secure: e.SMTP_SECURE === 'true',
            user: e.SMTP_USER,
            password: e.SMTP_PASSWORD,
          }
        : undefined,
      from: e.MAIL_FROM,
      webBaseUrl: (e.PUBLIC_WEB_URL ?? `http://127.0.0.1:${e.API_PORT}`).replace(/\/+$/, ''),
      digestTime: { hour: Number(e.MAIL_DIGEST_TIME.slice(0, 2)), minute: Number(e.MAIL_DIGEST_TIME.slice(3, 5)) },
      sendIntervalSeconds: e.MAIL_SEND_INTERVAL_SECONDS,
      maxAttempts: e.MAIL_MAX_ATTEMPTS,
      batchSize: e.MAIL_BATCH_SIZE,
      demo: { smtpPort: e.DEMO_MAIL_SMTP_PORT, viewerPort: e.DEMO_MAIL_VIEWER_PORT },
    },
    launcher: {
      postgresPort: e.PARTYFLOW_POSTGRES_PORT,
      temporalUiPort: e.TEMPORAL_UI_PORT,
      temporalServer: {
        portBase: e.TEMPORAL_SERVER_PORT_BASE,
        database: e.TEMPORAL_DB,
        visibilityDatabase: e.TEMPORAL_VISIBILITY_DB,
      },
      cluster: { apiPorts: e.PARTYFLOW_CLUSTER_API_PORTS, workers: e.PARTYFLOW_CLUSTER_WORKERS },
      restarts: { limit: e.PARTYFLOW_RESTART_LIMIT, backoffMs: e.PARTYFLOW_RESTART_BACKOFF_MS },
    },
  };
}

/** The secret the code shipped with before issue 11: public, so anyone could sign an administrator's token. */
export const PUBLIC_JWT_SECRETS: readonly string[] = ['partyflow-demo-secret-change-me'];

/** Why a JWT_SECRET value is refused, or null: the public default, not base64, under 32 bytes, or not random. */
export function jwtSecretProblem(secret: string): string | null {
  if (PUBLIC_JWT_SECRETS.includes(secret)) return 'is the public default secret; generate one: openssl rand -base64 32';
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(secret) && !/^[A-Za-z0-9_-]+$/.test(secret)) {
    return 'must be base64 or base64url (e.g. openssl rand -base64 32)';
  }
  const bytes = Buffer.from(secret, 'base64');
  if (bytes.length < 32) return `must encode at least 32 random bytes (43+ base64 characters), got ${bytes.length}`;
  // 32 random bytes have about 30 distinct values; fewer than 16 is a typed pattern ('aaaa…'), not a random key.
  if (new Set(bytes).size < 16) return 'does not look random (too few distinct bytes); use openssl rand -base64 32';
  return null;
}

/**
 * The API's signing key, the decoded JWT_SECRET; throws, naming JWT_SECRET, when it is unset. The API calls it
 * before anything else at start-up, so it refuses to start without a secret (issue 11 §1).
 */
export function requireJwtKey(config: AppConfig): Buffer {
  const secret = config.auth.jwtSecret;
  if (!secret) {
    throw new Error(
      'JWT_SECRET is not set: the API refuses to start without a token signing secret of at least 32 random bytes, ' +
        'base64-encoded (generate one with `openssl rand -base64 32`). The demo launcher and the test harness ' +
        'generate their own.',
    );
  }
  return Buffer.from(secret, 'base64');
}

/** A fresh JWT_SECRET: 32 random bytes, base64url (the demo keeps one per data folder, the harness one per system). */
export function generateJwtSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The demo's JWT secret (issue 11 §1): `<dataDir>/jwt-secret`, generated on the first start with mode 0600 and
 * reused on every restart, so signed-in users stay signed in. A file that is not a valid secret is refused.
 */
export function demoJwtSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  try {
    writeFileSync(file, `${generateJwtSecret()}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const secret = readFileSync(file, 'utf8').trim();
  const problem = jwtSecretProblem(secret);
  if (problem) throw new Error(`Invalid JWT secret in ${file}: ${problem} (delete the file to generate a new one)`);
  return secret;
}
