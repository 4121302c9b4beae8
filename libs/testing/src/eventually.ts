/**
 * The one poll helper of the tests: calls `probe` until it gives a value — anything but `undefined`,
 * `null` or `false` — and returns it, or fails naming `what` after `timeoutMs`. Activities, child
 * workflows and the API run in real time beside a test, so a test waits for what it asserts.
 * `what` may be a function, to describe the state the probe last saw when it fails.
 */
export async function eventually<T>(
  probe: () => Promise<T | null | undefined | false>,
  what: string | (() => string),
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`${typeof what === 'string' ? what : what()} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
