import { isDatabaseUnavailable } from './database-errors';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('PostgreSQL unreachable (issue 11 §7)', () => {
  it('should recognise a refused connection, also inside an AggregateError (dual-stack connect)', () => {
    expect(isDatabaseUnavailable(withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([withCode('ECONNREFUSED')], ''))).toBe(true);
  });

  it("should recognise the server shutting down (57P01) inside TypeORM driverError, and pg's own messages", () => {
    const typeorm = Object.assign(new Error('terminating connection due to administrator command'), {
      driverError: withCode('57P01'),
    });
    expect(isDatabaseUnavailable(typeorm)).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(withCode('08006'))).toBe(true);
  });

  it('should leave query errors alone: a unique violation, a bad date, a plain bug', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('dup'), { driverError: withCode('23505') }))).toBe(false);
    expect(isDatabaseUnavailable(withCode('22008', 'date/time field value out of range'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
