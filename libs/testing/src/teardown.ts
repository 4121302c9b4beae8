import type { Worker } from '@temporalio/worker';

/**
 * Bounded teardown (issue 7 §8): a hung worker, server or database must never hang the run. Every
 * step gets its own time limit and runs whatever happened to the steps before it; a step that
 * fails or overruns is reported on stderr and the teardown goes on.
 */
export const TEARDOWN_STEP_MS = 20_000;

export async function bounded(what: string, work: () => Promise<unknown>, ms = TEARDOWN_STEP_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<'overrun'>((resolve) => {
    timer = setTimeout(() => resolve('overrun'), ms);
  });
  try {
    const outcome = await Promise.race([
      Promise.resolve()
        .then(work)
        .then(() => 'done' as const),
      overrun,
    ]);
    if (outcome === 'overrun') process.stderr.write(`[teardown] ${what} did not finish within ${ms} ms; going on\n`);
  } catch (e) {
    process.stderr.write(`[teardown] ${what} failed: ${(e as Error)?.message ?? String(e)}\n`);
  } finally {
    clearTimeout(timer);
  }
}

const stopped = (w: Worker) => ['STOPPED', 'FAILED'].includes(w.getState());

/**
 * Shuts down every worker that is still running (a test that timed out leaves its worker
 * polling) and waits, bounded, until each has stopped. Call before the server is torn down,
 * or the worker keeps polling a server that is gone and the process never exits.
 */
export async function stopWorkers(workers: Iterable<Worker>, ms = TEARDOWN_STEP_MS): Promise<void> {
  const list = [...workers];
  for (const w of list) if (w.getState() === 'RUNNING') w.shutdown();
  const deadline = Date.now() + ms;
  while (!list.every((w) => stopped(w) || w.getState() === 'INITIALIZED') && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  const stuck = list.filter((w) => !stopped(w) && w.getState() !== 'INITIALIZED');
  if (stuck.length)
    process.stderr.write(
      `[teardown] ${stuck.length} worker(s) still ${stuck.map((w) => w.getState()).join(', ')} after ${ms} ms; going on\n`,
    );
}
