/**
 * What the small benchmarks share: numeric `--name N` (or `--name=N`) options over defaults, and running `main` with
 * its clean-ups (stopped in reverse order whatever happens) and the process's exit status.
 */
export function parseNumericOptions<T extends Record<string, number>>(
  argv: readonly string[],
  defaults: T,
  usage: string,
): T {
  const opts: Record<string, number> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=');
    const name = flag.replace(/^--/, '');
    if (!flag.startsWith('--') || !(name in defaults)) throw new Error(`unknown option ${argv[i]}\nUsage: ${usage}`);
    opts[name] = Number(inline ?? argv[++i]);
    if (!Number.isInteger(opts[name]) || opts[name] < 1) throw new Error(`--${name} must be a positive integer`);
  }
  return opts as T;
}

/** Runs `main` with a list it pushes its clean-ups to; exits 0 when it returns, 1 (with the error) when it throws. */
export function runBench(main: (cleanups: (() => Promise<void>)[]) => Promise<void>, log: (m: string) => void): void {
  const cleanups: (() => Promise<void>)[] = [];
  main(cleanups)
    .finally(async () => {
      for (const fn of cleanups.reverse()) await fn().catch((e: Error) => log(`cleanup: ${e.message}`));
    })
    .then(
      () => process.exit(0),
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
}
