import { ApiFailure } from '../api/errors';
import { required } from './required';

describe('a value the form requires, typed for the request (issue 10: the page sends what the API accepts)', () => {
  it('should pass a present value through unchanged', () => {
    expect(required('Chi bộ 1', 'name')).toBe('Chi bộ 1');
    expect(required(0, 'quota')).toBe(0);
    expect(required(false, 'flag')).toBe(false);
  });

  it('should refuse a missing or blank value as a 400 naming the field, as the API would', () => {
    for (const missing of [undefined, null, '', '   ']) {
      let thrown: unknown;
      try {
        required(missing, 'effectiveFrom');
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(ApiFailure);
      expect((thrown as ApiFailure).status).toBe(400);
      expect((thrown as ApiFailure).error).toEqual({
        code: 'VALIDATION_FAILED',
        message: 'effectiveFrom: Bắt buộc nhập',
        field: 'effectiveFrom',
      });
    }
  });
});
