import { ApplicationFailure } from '@temporalio/common';
import { QueryFailedError } from 'typeorm';
import { permanentDatabaseFailure, withPermanentFailures } from '@partyflow/activities';

/**
 * Issue 7 §2: PostgreSQL errors a retry cannot fix are non-retryable, translated in one place; the
 * rest stay retryable.
 */
const pgError = (code: string, extra: Record<string, string> = {}) =>
  new QueryFailedError(
    'UPDATE discipline_record SET ends_on = $1',
    ['2026-12-01'],
    Object.assign(new Error(`pg ${code}`), { code, ...extra }),
  );

describe('permanent database failures (SQLSTATE classes 22 and 23)', () => {
  it('should make a CHECK violation (23514) a non-retryable ConstraintViolation carrying the constraint', () => {
    const failure = permanentDatabaseFailure(
      pgError('23514', {
        constraint: 'discipline_record_check',
        table: 'discipline_record',
        detail: 'Failing row contains (…)',
      }),
      'applyMemberStatus',
    );
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'ConstraintViolation', nonRetryable: true, message: 'pg 23514' });
    expect(failure?.details).toEqual([
      {
        sqlState: '23514',
        activity: 'applyMemberStatus',
        constraint: 'discipline_record_check',
        table: 'discipline_record',
        detail: 'Failing row contains (…)',
      },
    ]);
  });

  it.each([
    ['23505', 'ConstraintViolation'],
    ['23503', 'ConstraintViolation'],
    ['23502', 'ConstraintViolation'],
    ['22007', 'InvalidActivityInput'],
    ['22003', 'InvalidActivityInput'],
  ])('should translate SQLSTATE %s to %s', (code, type) => {
    expect(permanentDatabaseFailure(pgError(code), 'recordCaseStep')).toMatchObject({ type, nonRetryable: true });
  });

  it.each([
    ['08006', 'connection failure'],
    ['57P01', 'admin shutdown'],
    ['40001', 'serialization failure'],
    ['53300', 'too many connections'],
  ])('should keep SQLSTATE %s (%s) retryable', (code) => {
    expect(permanentDatabaseFailure(pgError(code), 'recordCaseStep')).toBeUndefined();
  });

  it('should leave errors that are not database errors alone', () => {
    expect(permanentDatabaseFailure(new Error('ECONNREFUSED'), 'recordCaseStep')).toBeUndefined();
  });

  it('should apply to every activity of a set when wrapped, passing results and other errors through', async () => {
    const wrapped = withPermanentFailures({
      ok: async (n: number) => n + 1,
      refused: async () => {
        throw pgError('23514');
      },
      offline: async () => {
        throw pgError('08006');
      },
    });
    expect(await wrapped.ok(1)).toBe(2);
    await expect(wrapped.refused()).rejects.toMatchObject({
      type: 'ConstraintViolation',
      nonRetryable: true,
      details: [{ sqlState: '23514', activity: 'refused' }],
    });
    await expect(wrapped.offline()).rejects.toBeInstanceOf(QueryFailedError);
  });
});
