import { checkHealth, LIVE } from './health';

describe('readiness checks (issue 12 §4)', () => {
  it('should answer 200 with every part up when every check answers', async () => {
    const result = await checkHealth({ database: async () => 1, temporal: async () => ({}) }, 1_000);
    expect(result).toEqual({
      httpStatus: 200,
      report: { status: 'ok', checks: { database: { status: 'up' }, temporal: { status: 'up' } } },
      errors: {},
    });
  });

  it('should answer 503 naming the part that failed and the part that never answered, keeping the errors for the log', async () => {
    const refused = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    const result = await checkHealth(
      {
        database: async () => {
          throw refused;
        },
        temporal: () => new Promise(() => undefined),
        worker: async () => undefined,
      },
      50,
    );
    expect(result.httpStatus).toBe(503);
    expect(result.report).toEqual({
      status: 'error',
      checks: {
        database: { status: 'down', reason: 'error' },
        temporal: { status: 'down', reason: 'timeout' },
        worker: { status: 'up' },
      },
    });
    expect(result.errors.database).toBe(refused);
    // The answer names parts, never the errors' text (addresses stay out of an unauthenticated endpoint).
    expect(JSON.stringify(result.report)).not.toContain('ECONNREFUSED');
  });

  it('should answer live with 200 and no checks', () => {
    expect(LIVE).toEqual({ httpStatus: 200, report: { status: 'ok', checks: {} }, errors: {} });
  });
});
