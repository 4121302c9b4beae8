import type { FieldProblem } from '../errors';
import { compareLocalDate, formatLocalDateVi, type LocalDate } from './local-date.util';

/**
 * Dates checked against each other (issue 11 §3). A person records the date of something that has
 * happened (a decision, a ceremony, an arrival): it is never after today (the Vietnamese local date)
 * and never before the events it follows in the procedure. Each rule below names the field it
 * refuses and cites its source; the workflows' update validators and the API use them, with the
 * earlier dates taken from the case (workflow state or records).
 */

/** An earlier event a date may not precede: its date, its name in Vietnamese and the source of the order. */
export type EarlierEvent = { on: LocalDate; what: string; source: string };

/** The first problem of a recorded event date: after today, or before one of `after`; undefined when in order. */
export function eventDateProblem({
  field,
  what,
  on,
  today,
  after = [],
}: {
  field: string;
  what: string;
  on: LocalDate;
  today: LocalDate;
  after?: EarlierEvent[];
}): FieldProblem | undefined {
  if (compareLocalDate(on, today) > 0) {
    return {
      field,
      message: `${what} (${formatLocalDateVi(on)}) không được sau ngày hôm nay (${formatLocalDateVi(today)}).`,
    };
  }
  for (const earlier of after) {
    if (compareLocalDate(on, earlier.on) < 0) {
      return {
        field,
        message: `${what} (${formatLocalDateVi(on)}) không được trước ${earlier.what} (${formatLocalDateVi(earlier.on)}) ${earlier.source}.`,
      };
    }
  }
  return undefined;
}

/**
 * Admission decision: taken after the cell's resolution, within 60 working days of it [R5: QĐ 29 §4.3;
 * R7], and recorded once taken, so not in the future.
 */
export function admissionDecisionDateProblem(p: {
  decidedOn: LocalDate;
  cellVoteOn: LocalDate;
  today: LocalDate;
}): FieldProblem | undefined {
  return eventDateProblem({
    field: 'data.decidedOn',
    what: 'Ngày quyết định kết nạp',
    on: p.decidedOn,
    today: p.today,
    after: [{ on: p.cellVoteOn, what: 'ngày chi bộ xét đề nghị kết nạp', source: '[R5]' }],
  });
}

/** Admission ceremony: held after the decision is received, within 30 working days of it [R4][R6][R7]. */
export function ceremonyDateProblem(p: {
  heldOn: LocalDate;
  decidedOn: LocalDate;
  today: LocalDate;
}): FieldProblem | undefined {
  return eventDateProblem({
    field: 'data.heldOn',
    what: 'Ngày tổ chức lễ kết nạp',
    on: p.heldOn,
    today: p.today,
    after: [{ on: p.decidedOn, what: 'ngày quyết định kết nạp', source: '[R4][R6][R7]' }],
  });
}

/**
 * New-member course: taken during the probation, which starts on the ceremony day [R17][R18: Charter
 * Art. 5], so its certificate is not dated before the ceremony.
 */
export function newMemberCourseDateProblem(p: {
  certifiedOn: LocalDate;
  ceremonyOn: LocalDate;
  today: LocalDate;
}): FieldProblem | undefined {
  return eventDateProblem({
    field: 'data.newMemberCourseCertifiedOn',
    what: 'Ngày cấp giấy chứng nhận bồi dưỡng đảng viên mới',
    on: p.certifiedOn,
    today: p.today,
    after: [{ on: p.ceremonyOn, what: 'ngày lễ kết nạp (bắt đầu thời gian dự bị)', source: '[R17][R18]' }],
  });
}

/** Removal decision: the cell proposes, then the competent committee decides [R23: QĐ 24 §8.1][R24]. */
export function removalDecisionDateProblem(p: {
  decidedOn: LocalDate;
  proposedOn: LocalDate;
  today: LocalDate;
}): FieldProblem | undefined {
  return eventDateProblem({
    field: 'data.decidedOn',
    what: 'Ngày quyết định',
    on: p.decidedOn,
    today: p.today,
    after: [{ on: p.proposedOn, what: 'ngày chi bộ đánh giá, đề nghị', source: '[R23][R24]' }],
  });
}

/** An appeal is filed against a decision already taken, within its window [R24][R26]. */
export function appealFiledDateProblem(p: {
  filedOn: LocalDate;
  decidedOn: LocalDate;
  today: LocalDate;
}): FieldProblem | undefined {
  return eventDateProblem({
    field: 'filedOn',
    what: 'Ngày nộp đơn khiếu nại',
    on: p.filedOn,
    today: p.today,
    after: [{ on: p.decidedOn, what: 'ngày ra quyết định bị khiếu nại', source: '[R24][R26]' }],
  });
}

/** The introduction letter of a transfer is recorded once issued: the presentation limit runs from it [R28][R30]. */
export function transferIssuedDateProblem(p: { issuedOn: LocalDate; today: LocalDate }): FieldProblem | undefined {
  return eventDateProblem({ field: 'issuedOn', what: 'Ngày giấy giới thiệu', on: p.issuedOn, today: p.today });
}

/** The member presents the introduction letter at the destination after it is issued, within 30 days [R30]. */
export function transferArrivalDateProblem(p: {
  presentedOn: LocalDate;
  issuedOn: LocalDate;
  today: LocalDate;
}): FieldProblem | undefined {
  return eventDateProblem({
    field: 'data.presentedOn',
    what: 'Ngày đến trình diện',
    on: p.presentedOn,
    today: p.today,
    after: [{ on: p.issuedOn, what: 'ngày giấy giới thiệu sinh hoạt đảng', source: '[R30]' }],
  });
}

/** A temporary transfer ends with the return, after the member presented at the temporary cell [R29]. */
export function transferReturnDateProblem(p: {
  returnedOn: LocalDate;
  presentedOn: LocalDate;
  today: LocalDate;
}): FieldProblem | undefined {
  return eventDateProblem({
    field: 'data.returnedOn',
    what: 'Ngày trở về sinh hoạt',
    on: p.returnedOn,
    today: p.today,
    after: [{ on: p.presentedOn, what: 'ngày đến trình diện nơi sinh hoạt tạm thời', source: '[R29]' }],
  });
}
