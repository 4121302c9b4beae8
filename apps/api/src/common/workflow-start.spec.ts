import type { Client } from '@temporalio/client';
import { loadConfig } from '@partyflow/config';
import { retryTemporal, TemporalCallFailed } from './workflow-start';

/** Only `withDeadline` (and `withAbortSignal`) are used by retryTemporal: it records each try's deadline. */
const recordingClient = () => {
  const deadlines: number[] = [];
  const client = {
    withDeadline: async <T>(deadline: number, fn: () => Promise<T>) => {
      deadlines.push(deadline);
      return fn();
    },
    withAbortSignal: async <T>(_signal: AbortSignal, fn: () => Promise<T>) => fn(),
  } as unknown as Client;
  return { client, deadlines };
};

describe('bounded Temporal calls for committed rows [issue 7 §3; deadlines are configuration]', () => {
  it('should read the tries and their deadline from TEMPORAL_CALL_ATTEMPTS and TEMPORAL_CALL_TIMEOUT_MS, 3 × 5000 ms by default', () => {
    expect(loadConfig({}).temporal.call).toEqual({ attempts: 3, timeoutMs: 5000 });
    expect(loadConfig({ TEMPORAL_CALL_ATTEMPTS: '5', TEMPORAL_CALL_TIMEOUT_MS: '800' }).temporal.call).toEqual({
      attempts: 5,
      timeoutMs: 800,
    });
    expect(() => loadConfig({ TEMPORAL_CALL_ATTEMPTS: '0' })).toThrow('Invalid configuration TEMPORAL_CALL_ATTEMPTS');
    expect(() => loadConfig({ TEMPORAL_CALL_TIMEOUT_MS: 'soon' })).toThrow(
      'Invalid configuration TEMPORAL_CALL_TIMEOUT_MS',
    );
  });

  it('should try exactly the configured number of times, each under its own deadline, then throw TemporalCallFailed naming the target', async () => {
    const { client, deadlines } = recordingClient();
    let calls = 0;
    const before = Date.now();
    const failed = await retryTemporal(client, { attempts: 2, timeoutMs: 700 }, 'admission-x', async () => {
      calls++;
      throw new Error('UNAVAILABLE');
    }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(TemporalCallFailed);
    expect((failed as TemporalCallFailed).message).toBe('admission-x: Temporal refused 2 times: UNAVAILABLE');
    expect(calls).toBe(2);
    expect(deadlines).toHaveLength(2);
    for (const d of deadlines) expect(d - before).toBeGreaterThanOrEqual(700);
  });

  it('should answer with the first success and not try again', async () => {
    const { client, deadlines } = recordingClient();
    let calls = 0;
    const answer = await retryTemporal(client, { attempts: 3, timeoutMs: 1000 }, 't', async () => {
      calls++;
      if (calls === 1) throw new Error('UNAVAILABLE');
      return 'started';
    });
    expect({ answer, calls, tries: deadlines.length }).toEqual({ answer: 'started', calls: 2, tries: 2 });
  });

  it('should make no other try once its signal aborts (the API closing while a background call retries), and not wait for the next', async () => {
    const { client, deadlines } = recordingClient();
    const stopping = new AbortController();
    let calls = 0;
    const failed = await retryTemporal(
      client,
      { attempts: 3, timeoutMs: 1000 },
      'audit-chain-digest',
      async () => {
        calls++;
        stopping.abort();
        throw new Error('UNAVAILABLE');
      },
      stopping.signal,
    ).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(TemporalCallFailed);
    expect((failed as TemporalCallFailed).message).toBe(
      'audit-chain-digest: Temporal refused 1 times: stopped: the API is shutting down',
    );
    expect({ calls, tries: deadlines.length }).toEqual({ calls: 1, tries: 1 });
  });
});
