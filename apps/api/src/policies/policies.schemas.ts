import { z } from 'zod';

const unit = z.enum(['working_days', 'calendar_days', 'months', 'hours'], {
  errorMap: () => ({ message: 'phải là working_days, calendar_days, months hoặc hours' }),
});
const duration = (min: number) =>
  z
    .object({
      amount: z
        .number({ required_error: 'bắt buộc', invalid_type_error: 'phải là số' })
        .int('phải là số nguyên')
        .min(min, `tối thiểu ${min}`)
        .max(1000, 'tối đa 1000'),
      unit,
    })
    .strict();

/** The terms of a step's policy: how long, when to remind, how to escalate. */
const TERMS = {
  due: duration(0),
  remindBefore: duration(0),
  escalateEvery: duration(1),
  maxEscalationLevel: z.number().int().min(0).max(5),
};
const uuid = () => z.string({ invalid_type_error: 'phải là UUID' }).uuid('phải là UUID');

/**
 * Which running cases a change reaches (issue 14 §1): every one waiting on the step (`running_too`, the default), none
 * (`new_cases_only`: the running cases keep the terms they had, for their open tasks and those they open later), or
 * the chosen `caseIds` (`selected_cases`; the others keep theirs).
 */
export const CHANGE_SCOPES = ['running_too', 'new_cases_only', 'selected_cases'] as const;
export type ChangeScope = (typeof CHANGE_SCOPES)[number];

export const UpdatePolicyBody = z
  .object({
    ...TERMS,
    scope: z
      .enum(CHANGE_SCOPES, { errorMap: () => ({ message: 'phải là running_too, new_cases_only hoặc selected_cases' }) })
      .default('running_too'),
    caseIds: z.array(uuid()).min(1, 'ít nhất một hồ sơ').max(10_000, 'tối đa 10000 hồ sơ').optional(),
    /** The preview (POST …/preview) the change follows: recorded with it in the audit. */
    previewId: uuid().optional(),
    reason: z
      .string({ required_error: 'bắt buộc: lý do thay đổi' })
      .trim()
      .min(3, 'bắt buộc: lý do thay đổi')
      .max(1000),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.scope === 'selected_cases' && !b.caseIds)
      ctx.addIssue({ code: 'custom', path: ['caseIds'], message: 'bắt buộc khi scope là selected_cases' });
    if (b.scope !== 'selected_cases' && b.caseIds)
      ctx.addIssue({ code: 'custom', path: ['caseIds'], message: 'chỉ dùng khi scope là selected_cases' });
  });

/** POST …/preview (issue 14 §1): the proposed terms, the scope (an override's organisation), how many tasks to list. */
export const PreviewPolicyBody = z
  .object({
    ...TERMS,
    orgId: uuid().optional(),
    pageSize: z.number().int('phải là số nguyên').min(1, 'tối thiểu 1').max(1000, 'tối đa 1000').default(100),
  })
  .strict();

export const ClearOverrideBody = z
  .object({
    reason: z
      .string({ required_error: 'bắt buộc: lý do bỏ thời hạn riêng' })
      .trim()
      .min(3, 'bắt buộc: lý do bỏ thời hạn riêng')
      .max(1000),
  })
  .strict();
