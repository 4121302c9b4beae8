import {
  admissionDecisionDateProblem,
  appealFiledDateProblem,
  ceremonyDateProblem,
  eventDateProblem,
  newMemberCourseDateProblem,
  removalDecisionDateProblem,
  transferArrivalDateProblem,
  transferIssuedDateProblem,
  transferReturnDateProblem,
} from './date-order.rules';
import { isLocalDateInRange, LOCAL_DATE_RANGE } from './local-date.util';

describe('the dates a record may carry (issue 11 §3)', () => {
  it.each([
    ['1900-01-01', true],
    ['2100-12-31', true],
    ['2024-02-29', true],
    ['1899-12-31', false],
    ['2101-01-01', false],
    ['9999-12-31', false],
    ['0202-05-01', false],
    ['2025-02-30', false],
    ['9999-99-99', false],
    ['2025-2-3', false],
  ])('issue 11 §3: %s is a real date within 1900–2100: %s', (value, expected) => {
    expect(isLocalDateInRange(value)).toBe(expected);
  });

  it('issue 11 §3: the range is 1900-01-01 to 2100-12-31', () => {
    expect(LOCAL_DATE_RANGE).toEqual({ min: '1900-01-01', max: '2100-12-31' });
  });
});

describe('dates checked against each other (issue 11 §3)', () => {
  const today = '2026-12-02';

  it('issue 11 §3: an event date after today is refused, naming the field and both dates', () => {
    expect(eventDateProblem({ field: 'data.x', what: 'Ngày họp', on: '2026-12-03', today })).toEqual({
      field: 'data.x',
      message: 'Ngày họp (03/12/2026) không được sau ngày hôm nay (02/12/2026).',
    });
    expect(eventDateProblem({ field: 'data.x', what: 'Ngày họp', on: today, today })).toBeUndefined();
  });

  it('issue 11 §3 [R5]: the decision is not before the cell vote, and not in the future', () => {
    const base = { cellVoteOn: '2026-11-20', today };
    expect(admissionDecisionDateProblem({ ...base, decidedOn: '2026-11-19' })).toEqual({
      field: 'data.decidedOn',
      message:
        'Ngày quyết định kết nạp (19/11/2026) không được trước ngày chi bộ xét đề nghị kết nạp (20/11/2026) [R5].',
    });
    expect(admissionDecisionDateProblem({ ...base, decidedOn: '2026-12-03' })).toEqual({
      field: 'data.decidedOn',
      message: 'Ngày quyết định kết nạp (03/12/2026) không được sau ngày hôm nay (02/12/2026).',
    });
    expect(admissionDecisionDateProblem({ ...base, decidedOn: '2026-11-20' })).toBeUndefined();
    expect(admissionDecisionDateProblem({ ...base, decidedOn: today })).toBeUndefined();
  });

  it('issue 11 §3 [R4][R6][R7]: the ceremony is not before the decision, and not in the future', () => {
    const base = { decidedOn: '2026-11-25', today };
    expect(ceremonyDateProblem({ ...base, heldOn: '2026-11-24' })).toEqual({
      field: 'data.heldOn',
      message:
        'Ngày tổ chức lễ kết nạp (24/11/2026) không được trước ngày quyết định kết nạp (25/11/2026) [R4][R6][R7].',
    });
    expect(ceremonyDateProblem({ ...base, heldOn: '2027-01-01' })?.message).toBe(
      'Ngày tổ chức lễ kết nạp (01/01/2027) không được sau ngày hôm nay (02/12/2026).',
    );
    expect(ceremonyDateProblem({ ...base, heldOn: '2026-11-25' })).toBeUndefined();
  });

  it('issue 11 §3 [R17][R18]: the new-member course certificate is not dated before the ceremony', () => {
    const base = { ceremonyOn: '2025-12-01', today };
    expect(newMemberCourseDateProblem({ ...base, certifiedOn: '2025-11-30' })).toEqual({
      field: 'data.newMemberCourseCertifiedOn',
      message:
        'Ngày cấp giấy chứng nhận bồi dưỡng đảng viên mới (30/11/2025) không được trước ngày lễ kết nạp (bắt đầu thời gian dự bị) (01/12/2025) [R17][R18].',
    });
    expect(newMemberCourseDateProblem({ ...base, certifiedOn: '2026-12-05' })?.field).toBe(
      'data.newMemberCourseCertifiedOn',
    );
    expect(newMemberCourseDateProblem({ ...base, certifiedOn: '2026-03-01' })).toBeUndefined();
  });

  it('issue 11 §3 [R23][R24]: the removal decision is not before the cell proposed it', () => {
    const base = { proposedOn: '2026-11-10', today };
    expect(removalDecisionDateProblem({ ...base, decidedOn: '2026-11-09' })).toEqual({
      field: 'data.decidedOn',
      message: 'Ngày quyết định (09/11/2026) không được trước ngày chi bộ đánh giá, đề nghị (10/11/2026) [R23][R24].',
    });
    expect(removalDecisionDateProblem({ ...base, decidedOn: '2026-12-03' })?.field).toBe('data.decidedOn');
    expect(removalDecisionDateProblem({ ...base, decidedOn: '2026-11-10' })).toBeUndefined();
  });

  it('issue 11 §3 [R24][R26]: an appeal is not filed before the decision it appeals', () => {
    const base = { decidedOn: '2026-11-10', today };
    expect(appealFiledDateProblem({ ...base, filedOn: '2026-11-09' })).toEqual({
      field: 'filedOn',
      message:
        'Ngày nộp đơn khiếu nại (09/11/2026) không được trước ngày ra quyết định bị khiếu nại (10/11/2026) [R24][R26].',
    });
    expect(appealFiledDateProblem({ ...base, filedOn: '2026-12-03' })?.field).toBe('filedOn');
    expect(appealFiledDateProblem({ ...base, filedOn: '2026-11-10' })).toBeUndefined();
  });

  it('issue 11 §3 [R28][R30]: a transfer letter is not dated in the future', () => {
    expect(transferIssuedDateProblem({ issuedOn: '2026-12-03', today })).toEqual({
      field: 'issuedOn',
      message: 'Ngày giấy giới thiệu (03/12/2026) không được sau ngày hôm nay (02/12/2026).',
    });
    expect(transferIssuedDateProblem({ issuedOn: today, today })).toBeUndefined();
  });

  it('issue 11 §3 [R30]: the arrival is not before the letter, and not in the future', () => {
    const base = { issuedOn: '2026-11-01', today };
    expect(transferArrivalDateProblem({ ...base, presentedOn: '2026-10-31' })).toEqual({
      field: 'data.presentedOn',
      message:
        'Ngày đến trình diện (31/10/2026) không được trước ngày giấy giới thiệu sinh hoạt đảng (01/11/2026) [R30].',
    });
    expect(transferArrivalDateProblem({ ...base, presentedOn: '2026-12-03' })?.field).toBe('data.presentedOn');
    expect(transferArrivalDateProblem({ ...base, presentedOn: '2026-11-01' })).toBeUndefined();
  });

  it('issue 11 §3 [R29]: the return is not before the arrival at the temporary cell', () => {
    const base = { presentedOn: '2026-05-01', today };
    expect(transferReturnDateProblem({ ...base, returnedOn: '2026-04-30' })).toEqual({
      field: 'data.returnedOn',
      message:
        'Ngày trở về sinh hoạt (30/04/2026) không được trước ngày đến trình diện nơi sinh hoạt tạm thời (01/05/2026) [R29].',
    });
    expect(transferReturnDateProblem({ ...base, returnedOn: '2026-12-03' })?.field).toBe('data.returnedOn');
    expect(transferReturnDateProblem({ ...base, returnedOn: '2026-05-01' })).toBeUndefined();
  });
});
