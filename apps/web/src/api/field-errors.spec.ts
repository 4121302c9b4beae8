import type { FormInstance } from 'antd';
import { ApiFailure } from './errors';
import { fieldMessage, sameNamedField, showFieldError } from './field-errors';

/** A form that records what the page would show: the fields set and the field scrolled to. */
function recordingForm() {
  const set: unknown[] = [];
  const scrolled: unknown[] = [];
  const form = {
    setFields: (fields: unknown[]) => set.push(...fields),
    scrollToField: (name: unknown) => scrolled.push(name),
  } as unknown as FormInstance;
  return { form, set, scrolled };
}

const refused = (field: string | undefined, message: string) =>
  new ApiFailure(400, { code: 'VALIDATION_FAILED', message, ...(field ? { field } : {}) });

describe('an API error at its field (issue 10: the API’s refusal shown under the field it names)', () => {
  it('should drop the `field: ` prefix of a 400, a code identifier no user reads, and keep any other message whole', () => {
    expect(fieldMessage(refused('nationalId', 'nationalId: Số căn cước công dân đã được ghi cho người khác'))).toBe(
      'Số căn cước công dân đã được ghi cho người khác',
    );
    expect(fieldMessage(refused('reason', 'Bắt buộc nhập lý do'))).toBe('Bắt buộc nhập lý do');
  });

  it('should land an error on the longest leading part of its field that the form has', () => {
    const fieldOf = sameNamedField(['fullName', 'courseCertificate.issuedOn']);
    expect(fieldOf('courseCertificate.issuedOn')).toEqual(['courseCertificate', 'issuedOn']);
    expect(fieldOf('courseCertificate.issuedOn.day')).toEqual(['courseCertificate', 'issuedOn']);
    expect(fieldOf('fullName')).toEqual(['fullName']);
    expect(fieldOf('courseCertificate')).toBeUndefined();
  });

  it('should set the message at the mapped field and scroll there, and answer false when no field takes it', () => {
    const shown = recordingForm();
    const error = refused('data.decidedOn', 'data.decidedOn: Ngày không có thật');
    expect(showFieldError(shown.form, error, (f) => (f === 'data.decidedOn' ? ['data', 'decidedOn'] : undefined))).toBe(
      true,
    );
    expect(shown.set).toEqual([{ name: ['data', 'decidedOn'], errors: ['Ngày không có thật'] }]);
    expect(shown.scrolled).toEqual([['data', 'decidedOn']]);

    const none = recordingForm();
    expect(showFieldError(none.form, refused('other', 'other: x'), () => undefined)).toBe(false);
    expect(showFieldError(none.form, refused(undefined, 'Không có quyền'), () => ['reason'])).toBe(false);
    expect(showFieldError(none.form, new Error('network'), () => ['reason'])).toBe(false);
    expect(none.set).toEqual([]);
  });
});
