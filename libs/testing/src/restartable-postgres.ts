import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from './tools';

/**
 * A PostgreSQL server of one test's own (issue 11 §7), embedded whatever DATABASE_URL says, that the test
 * stops under a running API and starts again on the same port and data: the database really goes away.
 * It runs in a child process (restartable-postgres-server.ts), each command bounded in time.
 */
export type RestartablePostgres = {
  url: string;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  /** Stops the server, deletes its data and ends the child process. */
  remove: () => Promise<void>;
};

const COMMAND_MS = 60_000;

export async function startRestartablePostgres(): Promise<RestartablePostgres> {
  const child = spawn(
    process.execPath,
    ['-r', path.join(repoRoot, 'infra/scripts/register.js'), path.join(__dirname, 'restartable-postgres-server.ts')],
    { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout });
  const waiting: Array<(line: string) => void> = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const next = (what: string) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`PostgreSQL ${what}: no answer in ${COMMAND_MS} ms`)),
        COMMAND_MS,
      );
      const failed = () => reject(new Error(`PostgreSQL ${what}: the server process exited`));
      void exited.then(failed);
      waiting.push((line) => {
        clearTimeout(timer);
        resolve(line);
      });
    });
  const command = async (line: 'stop' | 'start', answer: string) => {
    const reply = next(line);
    child.stdin.write(`${line}\n`);
    const got = await reply;
    if (got !== answer) throw new Error(`PostgreSQL ${line}: answered '${got}'`);
  };
  const ready = await next('start-up');
  if (!ready.startsWith('ready ')) throw new Error(`PostgreSQL start-up: answered '${ready}'`);
  return {
    url: ready.slice('ready '.length),
    stop: () => command('stop', 'stopped'),
    start: () => command('start', 'started'),
    remove: async () => {
      if (child.exitCode === null) child.stdin.end('exit\n');
      await exited;
    },
  };
}
