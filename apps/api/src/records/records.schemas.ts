import { z } from 'zod';
import {
  ATTENDANCE_STATUSES,
  DISCIPLINE_FORMS,
  GRADINGS,
  RESIDENCE_ASSESSMENTS,
  isValidLocalDate,
  isValidYearMonth,
} from '@partyflow/domain';

/** Request bodies of the single-record writes, validated at the edge (the error names the field). */

export const YearMonthField = z
  .string({ required_error: 'bắt buộc', invalid_type_error: 'phải là chuỗi YYYY-MM' })
  .refine(isValidYearMonth, 'phải là tháng hợp lệ dạng YYYY-MM');
export const LocalDateField = z
  .string({ required_error: 'bắt buộc', invalid_type_error: 'phải là chuỗi YYYY-MM-DD' })
  .refine(isValidLocalDate, 'phải là ngày hợp lệ dạng YYYY-MM-DD');
export const YearField = z
  .number({ required_error: 'bắt buộc', invalid_type_error: 'phải là số' })
  .int('phải là số nguyên')
  .min(1900, 'từ 1900')
  .max(2100, 'đến 2100');
const Text = (max: number) => z.string({ invalid_type_error: 'phải là chuỗi' }).trim().max(max, `tối đa ${max} ký tự`);
const RequiredText = (max: number) =>
  z
    .string({ required_error: 'bắt buộc', invalid_type_error: 'phải là chuỗi' })
    .trim()
    .min(1, 'bắt buộc')
    .max(max, `tối đa ${max} ký tự`);

export const AttendanceBody = z
  .object({
    month: YearMonthField,
    status: z.enum(ATTENDANCE_STATUSES, {
      required_error: 'bắt buộc',
      invalid_type_error: `một trong ${ATTENDANCE_STATUSES.join(', ')}`,
    }),
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
    grading: z.enum(GRADINGS, { required_error: 'bắt buộc', invalid_type_error: `một trong ${GRADINGS.join(', ')}` }),
    award: z.boolean({ invalid_type_error: 'phải là true/false' }).default(false),
  })
  .strict();
export type GradingInput = z.infer<typeof GradingBody>;

export const DisciplineBody = z
  .object({
    form: z.enum(DISCIPLINE_FORMS, {
      required_error: 'bắt buộc',
      invalid_type_error: `một trong ${DISCIPLINE_FORMS.join(', ')}`,
    }),
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
    assessment: z.enum(RESIDENCE_ASSESSMENTS, {
      required_error: 'bắt buộc',
      invalid_type_error: `một trong ${RESIDENCE_ASSESSMENTS.join(', ')}`,
    }),
    comment: RequiredText(4000),
    /** The residence cell; defaults to the member's recorded residence cell. */
    residenceOrgId: z.string({ invalid_type_error: 'phải là UUID' }).uuid('phải là UUID').optional(),
  })
  .strict();
export type ResidenceCommentInput = z.infer<typeof ResidenceCommentBody>;

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
  disciplines: { member_id: true, form: true, decided_on: true, ends_on: false, authority: true, reason: true },
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
