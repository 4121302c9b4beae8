import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApiSession, repoRoot, schemathesisPath, startSystem, type RunningSystem } from '@partyflow/testing';

/**
 * The OpenAPI contract job (issue 11 §The OpenAPI contract): Schemathesis generates requests for every operation of
 * the document the API serves (/docs-json), valid and invalid, and sends them to the whole real system, as the
 * administrator and as a cell secretary (the demo users quantri and bithu.tdp5), both at once. Every answer must be
 * no 5xx, a documented status code, of the declared content type, conforming to its schema, with its declared
 * headers; a method a path does not support must be a 405 with an Allow header naming the documented methods.
 *
 * Bounded: PARTYFLOW_SCHEMATHESIS_MAX_EXAMPLES (default 5) generated cases per operation and phase, with a fixed
 * seed (PARTYFLOW_SCHEMATHESIS_SEED), so a run is repeatable; set another seed to explore. Half of the `orgId` and
 * `rootId` values are the demo organisations' ids (a Schemathesis dictionary), so the routes scoped to an
 * organisation are exercised beyond their 404. The reports (JUnit and each run's output) are in
 * dist/test-results/schemathesis/.
 */
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
  'unsupported_method',
  'allow_header_conformance',
  'response_headers_conformance',
];
const MAX_EXAMPLES = process.env.PARTYFLOW_SCHEMATHESIS_MAX_EXAMPLES ?? '5';
const SEED = process.env.PARTYFLOW_SCHEMATHESIS_SEED ?? '11';
/** A run not finished by then is stopped and fails (each takes about 4 minutes on the shared 2-core machine). */
const RUN_LIMIT_MS = 8 * 60_000;
const REPORTS = path.join(repoRoot, 'dist/test-results/schemathesis');

type Run = { user: string; exitCode: number | null; output: string };

/** A run's findings, each with its curl reproducer: from Schemathesis's first ERRORS or FAILURES section. */
function findings(output: string): string {
  const start = output.search(/={3,} (ERRORS|FAILURES) ={3,}/);
  return start >= 0 ? output.slice(start) : output.slice(-5000);
}

/** The Schemathesis configuration: the demo organisations' ids as a dictionary for the organisation parameters. */
function configFile(workDir: string, organisationIds: string[]): string {
  const file = path.join(workDir, 'schemathesis.toml');
  const bind = (key: string) => `"${key}" = { dictionary = "organisations", probability = 0.5 }`;
  const lines = [
    '[dictionaries.organisations]',
    `values = ${JSON.stringify(organisationIds)}`,
    '',
    '[parameters]',
    ...['query.orgId', 'path.orgId', 'query.rootId'].map(bind),
  ];
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

function schemathesis(user: string, baseUrl: string, token: string, workDir: string, config: string): Promise<Run> {
  const args = [
    '--config-file',
    config,
    'run',
    `${baseUrl}/docs-json`,
    '--header',
    `Authorization: Bearer ${token}`,
    '--checks',
    CHECKS.join(','),
    '--max-examples',
    MAX_EXAMPLES,
    '--seed',
    SEED,
    // One thread per run: Python 3.11's parser is not thread-safe ("AST constructor recursion depth mismatch" in
    // Hypothesis with --workers 2); the two users' runs go side by side instead.
    '--workers',
    '1',
    '--request-timeout',
    '30',
    '--generation-database',
    'none',
    '--no-color',
    '--report',
    'junit',
    '--report-junit-path',
    path.join(REPORTS, `${user}.junit.xml`),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(schemathesisPath(), args, {
      cwd: workDir,
      env: { ...process.env, SCHEMATHESIS_HOOKS: path.join(__dirname, 'schemathesis-hooks.py') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      output += `\n[contract] schemathesis as ${user} ran over ${RUN_LIMIT_MS / 60_000} minutes and was stopped\n`;
      child.kill('SIGKILL');
    }, RUN_LIMIT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      writeFileSync(path.join(REPORTS, `${user}.log`), output);
      resolve({ user, exitCode, output });
    });
  });
}

describe('the OpenAPI contract under Schemathesis (issue 11 §The OpenAPI contract)', () => {
  let sys: RunningSystem;
  let workDir: string;

  beforeAll(async () => {
    schemathesisPath(); // installs it first (once per machine), outside the runs' time
    mkdirSync(REPORTS, { recursive: true });
    workDir = mkdtempSync(path.join(tmpdir(), 'partyflow-schemathesis-'));
    sys = await startSystem();
  });

  afterAll(async () => {
    await sys?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('should answer every operation, as an administrator and as a cell secretary, only as the document declares', async () => {
    const doc = (await (await fetch(`${sys.baseUrl}/docs-json`)).json()) as { paths: Record<string, object> };
    const operations = Object.values(doc.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
    const users = ['quantri', 'bithu.tdp5'];
    const sessions = await Promise.all(users.map((user) => ApiSession.login(sys.baseUrl, user)));
    const organisations = await sessions[0].get<{ items: { id: string }[] }>('/organisations?pageSize=200');
    expect(organisations.status).toBe(200);
    const config = configFile(
      workDir,
      organisations.body.items.map((o) => o.id),
    );
    const runs = await Promise.all(
      users.map((user, i) => schemathesis(user, sys.baseUrl, sessions[i].token as string, workDir, config)),
    );
    // Every operation of the document was tested; on a failure, the run's findings are in the assertion's diff.
    const summary = (run: Run) => ({
      user: run.user,
      exitCode: run.exitCode,
      tested: /Selected: (\d+\/\d+)\s+Tested: (\d+)/.exec(run.output)?.slice(1),
      ...(run.exitCode === 0 ? {} : { findings: findings(run.output) }),
    });
    const everyOperation = [`${operations}/${operations}`, String(operations)];
    expect(runs.map(summary)).toEqual(users.map((user) => ({ user, exitCode: 0, tested: everyOperation })));
  });
});
