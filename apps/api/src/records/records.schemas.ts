import { z } from 'zod';
import { localDateSchema } from '@partyflow/contracts';
import type { TransferKind, TransferStatus } from '@partyflow/persistence';
import {
  ATTENDANCE_STATUSES,
  DISCIPLINE_BODIES,
  DISCIPLINE_FORMS,
  GRADINGS,
  RESIDENCE_ASSESSMENTS,
  isValidYearMonth,
} from '@partyflow/domain';

/** Request bodies of the single-record writes, validated at the edge (the error names the field). */

export const YearMonthField = z
  .string({ required_error: 'bắt buộc', invalid_type_error: 'phải là chuỗi YYYY-MM' })
  .refine(isValidYearMonth, 'phải là tháng hợp lệ dạng YYYY-MM');
/** The shared local-date type (issue 11 §3): a real date from 1900 to 2100. */
export const LocalDateField = localDateSchema;
export const YearField = z
  .number({ required_error: 'bắt buộc', invalid_type_error: 'phải là số' })
  .int('phải là số nguyên')
  .min(1900, 'từ 1900')
  .max(2100, 'đến 2100');
const Text = (max: number) => z.string({ invalid_type_error: 'phải là chuỗi' }).trim().max(max, `tối đa ${max} ký tự`);
/** One of `values`; every refusal in Vietnamese (zod's own message for a value outside the list is English). */
const OneOf = <T extends string>(values: readonly [T, ...T[]]) =>
  z.enum(values, {
    errorMap: (issue) => ({
      message:
        issue.code === 'invalid_type' && issue.received === 'undefined' ? 'bắt buộc' : `một trong ${values.join(', ')}`,
    }),
  });
const RequiredText = (max: number) =>
  z
    .string({ required_error: 'bắt buộc', invalid_type_error: 'phải là chuỗi' })
    .trim()
    .min(1, 'bắt buộc')
    .max(max, `tối đa ${max} ký tự`);

export const AttendanceBody = z
  .object({
    month: YearMonthField,
    status: OneOf(ATTENDANCE_STATUSES),
    reason: Text(1000).nullish(),
  })
  .strict()
  .superRefine((v, ctx) => {
    // "Without good reason" is the strike-off ground [R23]: an excused absence must say why.
    if (v.status === 'absent_with_reason' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'bắt buộc khi vắng mặt có lý do' });
  });
export type AttendanceInput = z.infer<typeof AttendanceBody>;

export const DuesBody = z
  .object({
    month: YearMonthField,
    amountVnd: z
      .number({ required_error: 'bắt buộc', invalid_type_error: 'phải là số' })
      .int('phải là số nguyên')
      .min(0, 'không âm')
      .max(100_000_000, 'quá lớn'),
    paidOn: LocalDateField.nullable().default(null),
  })
  .strict();
export type DuesInput = z.infer<typeof DuesBody>;

export const GradingBody = z
  .object({
    year: YearField,
    grading: OneOf(GRADINGS),
    award: z.boolean({ invalid_type_error: 'phải là true/false' }).default(false),
  })
  .strict();
export type GradingInput = z.infer<typeof GradingBody>;

export const DisciplineBody = z
  .object({
    form: OneOf(DISCIPLINE_FORMS),
    /** Who decided it: the form must be within that body's power (issue 9 §8; libs/domain checkDisciplinePower). */
    decidedBy: OneOf(DISCIPLINE_BODIES),
    decidedOn: LocalDateField,
    endsOn: LocalDateField.nullable().default(null),
    authority: RequiredText(300),
    reason: RequiredText(2000),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.endsOn && v.endsOn < v.decidedOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'không được trước ngày quyết định' });
  });
export type DisciplineInput = z.infer<typeof DisciplineBody>;

export const ResidenceCommentBody = z
  .object({
    year: YearField,
    assessment: OneOf(RESIDENCE_ASSESSMENTS),
    comment: RequiredText(4000),
    /** The residence cell; defaults to the member's recorded residence cell. */
    residenceOrgId: z.string({ invalid_type_error: 'phải là UUID' }).uuid('phải là UUID').optional(),
  })
  .strict();
export type ResidenceCommentInput = z.infer<typeof ResidenceCommentBody>;

export const TRANSFER_KINDS = ['official', 'temporary'] as const satisfies readonly TransferKind[];
export const TRANSFER_STATUSES = [
  'issued',
  'presented',
  'returned',
  'cancelled',
] as const satisfies readonly TransferStatus[];

/**
 * A historical transfer, as the CSV import records it (no single-record endpoint writes one: a new
 * transfer is issued through /transfers and runs a workflow). Its status must agree with its dates;
 * `presentBy` left out is 30 days from the introduction [R30].
 */
export const TransferRecordBody = z
  .object({
    kind: OneOf(TRANSFER_KINDS),
    issuedOn: LocalDateField,
    presentBy: LocalDateField.optional(),
    presentedOn: LocalDateField.nullable().default(null),
    periodMonths: z
      .number({ invalid_type_error: 'phải là số' })
      .int('phải là số nguyên')
      .min(1, 'từ 1 tháng')
      .max(24, 'tối đa 24 tháng [R29]')
      .nullable()
      .default(null),
    returnDue: LocalDateField.nullable().default(null),
    returnedOn: LocalDateField.nullable().default(null),
    status: OneOf(TRANSFER_STATUSES),
    note: Text(2000).nullish(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    if (v.presentBy && v.presentBy < v.issuedOn) issue('presentBy', 'không được trước ngày giới thiệu');
    if (v.presentedOn && v.presentedOn < v.issuedOn) issue('presentedOn', 'không được trước ngày giới thiệu');
    if (v.kind === 'temporary' && v.periodMonths === null) issue('periodMonths', 'bắt buộc với sinh hoạt tạm thời');
    if (v.kind === 'official' && v.periodMonths !== null) issue('periodMonths', 'chỉ dùng cho sinh hoạt tạm thời');
    if (v.kind === 'official' && (v.returnDue || v.returnedOn))
      issue(v.returnDue ? 'returnDue' : 'returnedOn', 'chỉ dùng cho sinh hoạt tạm thời');
    if (v.status === 'issued' && v.presentedOn) issue('status', 'không được có ngày trình diện');
    if ((v.status === 'presented' || v.status === 'returned') && !v.presentedOn)
      issue('presentedOn', `bắt buộc khi trạng thái là '${v.status}'`);
    if (v.status === 'returned' && v.kind !== 'temporary') issue('status', 'chỉ dùng cho sinh hoạt tạm thời');
    if (v.status === 'returned' && !v.returnedOn) issue('returnedOn', "bắt buộc khi trạng thái là 'returned'");
    if (v.returnedOn && v.presentedOn && v.returnedOn < v.presentedOn)
      issue('returnedOn', 'không được trước ngày trình diện');
  });
export type TransferRecordInput = z.infer<typeof TransferRecordBody>;

/** CSV import kinds, as in `POST /imports/:kind`. */
export const IMPORT_KINDS = [
  'attendance',
  'dues',
  'gradings',
  'transfers',
  'disciplines',
  'residence-comments',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The columns of each kind: name → required. Documented in the README and the OpenAPI description. */
export const IMPORT_COLUMNS: Record<ImportKind, Record<string, boolean>> = {
  attendance: { member_id: true, month: true, status: true, reason: false },
  dues: { member_id: true, month: true, amount_vnd: true, paid_on: false },
  gradings: { member_id: true, year: true, grading: true, award: false },
  transfers: {
    member_id: true,
    kind: true,
    from_org: false,
    to_org: true,
    issued_on: true,
    present_by: false,
    presented_on: false,
    period_months: false,
    return_due: false,
    returned_on: false,
    status: true,
    note: false,
  },
  disciplines: {
    member_id: true,
    form: true,
    decided_by: true,
    decided_on: true,
    ends_on: false,
    authority: true,
    reason: true,
  },
  'residence-comments': { member_id: true, year: true, assessment: true, comment: true, residence_org: false },
};

export function importColumnsDoc(): string {
  return IMPORT_KINDS.map(
    (k) =>
      `${k}: ${Object.entries(IMPORT_COLUMNS[k])
        .map(([c, req]) => (req ? c : `${c}?`))
        .join(', ')}`,
  ).join('; ');
}
