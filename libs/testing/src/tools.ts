import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/** Path of a tool built or fetched by infra/scripts (which install it once per machine). */
function ensure(script: string, envVar: string): string {
  const fromEnv = process.env[envVar];
  if (fromEnv) return fromEnv;
  const out = execFileSync('bash', [path.join(root, 'infra/scripts', script)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  process.env[envVar] = out;
  return out;
}

export const temporalCliPath = (): string => ensure('ensure-temporal-cli.sh', 'PARTYFLOW_TEMPORAL_CLI');
export const testServerPath = (): string => ensure('ensure-test-server.sh', 'PARTYFLOW_TEST_SERVER');
export const chromiumPath = (): string => ensure('ensure-chromium.sh', 'PARTYFLOW_CHROMIUM');
/** The Schemathesis CLI (`st`), in a venv of the cache (issue 11: the OpenAPI contract job). */
export const schemathesisPath = (): string => ensure('ensure-schemathesis.sh', 'PARTYFLOW_SCHEMATHESIS');
export const repoRoot = root;
/** The Temporal server build of issue 12 (temporal-server, temporal-sql-tool, the UI server): its folder. */
export const temporalServerDirPath = (): string => ensure('ensure-temporal-server.sh', 'PARTYFLOW_TEMPORAL_SERVER_DIR');
