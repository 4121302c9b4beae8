import { z } from 'zod';
import { localDateSchema } from '@partyflow/contracts';
import { isValidUsername, MAIL_PREFERENCES, ROLES } from '@partyflow/domain';
import { CURSOR_PARAMS } from '../common/keyset';

/** Request bodies of the users capability (issue 9 §3), validated at the edge. */

/** The shared local-date type (issue 11 §3): a real date from 1900 to 2100. */
export const LocalDateField = localDateSchema;
const RequiredText = (max: number) =>
  z
    .string({ required_error: 'bắt buộc', invalid_type_error: 'phải là chuỗi' })
    .trim()
    .min(1, 'bắt buộc')
    .max(max, `tối đa ${max} ký tự`);
const Uuid = z.string({ required_error: 'bắt buộc', invalid_type_error: 'phải là UUID' }).uuid('phải là UUID');
const Password = z.string({ required_error: 'bắt buộc', invalid_type_error: 'phải là chuỗi' });
const Reason = RequiredText(1000);

export const UsernameField = z
  .string({ required_error: 'bắt buộc', invalid_type_error: 'phải là chuỗi' })
  .trim()
  .toLowerCase()
  .refine(
    isValidUsername,
    '3–64 ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch nối; bắt đầu bằng chữ hoặc số',
  );
export const FullNameField = RequiredText(200).refine(
  (v) => /\p{L}/u.test(v) && !/\d/.test(v),
  'phải là họ tên (chữ cái)',
);
/**
 * An e-mail address (issue 12 §5): trimmed and lower-cased, at most 254 characters. Not unique: one person may hold
 * a member's account and an office account, or a committee share one mailbox.
 */
export const EmailField = z
  .string({ required_error: 'bắt buộc', invalid_type_error: 'phải là chuỗi' })
  .trim()
  .toLowerCase()
  .max(254, 'tối đa 254 ký tự')
  .email('phải là địa chỉ thư điện tử, ví dụ ten@example.vn');
/** immediate: every task mail and the daily digest; digest: the digest only; off: no mail. */
export const MailPreferenceField = z.enum(MAIL_PREFERENCES, {
  errorMap: () => ({ message: `một trong ${MAIL_PREFERENCES.join(', ')}` }),
});
export const RoleField = z.enum(ROLES, { errorMap: () => ({ message: `một trong ${ROLES.join(', ')}` }) });

export const CreateUserBody = z
  .object({
    username: UsernameField,
    password: Password,
    fullName: FullNameField.optional(),
    memberId: Uuid.optional(),
    organisationId: Uuid.optional(),
    email: EmailField.nullable().optional(),
    mailPreference: MailPreferenceField.optional(),
    reason: Reason,
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.memberId && b.organisationId)
      ctx.addIssue({
        code: 'custom',
        path: ['organisationId'],
        message: 'không ghi cùng memberId: người dùng là đảng viên thuộc chi bộ của đảng viên đó',
      });
    else if (!b.memberId && !b.organisationId)
      ctx.addIssue({
        code: 'custom',
        path: ['organisationId'],
        message: 'bắt buộc với người dùng là cán bộ (không có memberId)',
      });
    if (!b.memberId && b.fullName === undefined)
      ctx.addIssue({ code: 'custom', path: ['fullName'], message: 'bắt buộc với người dùng là cán bộ' });
  });
export type CreateUserInput = z.infer<typeof CreateUserBody>;

/** PUT /users/:id/mail: the address (null: none) and the preference (default immediate). */
export const MailSettingsBody = z
  .object({ email: EmailField.nullable(), mailPreference: MailPreferenceField.default('immediate'), reason: Reason })
  .strict();

export const SetPasswordBody = z.object({ password: Password, reason: Reason }).strict();

export const GrantRoleBody = z
  .object({
    organisationId: Uuid,
    role: RoleField,
    validFrom: LocalDateField.optional(),
    validUntil: LocalDateField.nullable().optional(),
    reason: Reason,
  })
  .strict();
export type GrantRoleInput = z.infer<typeof GrantRoleBody>;

export const ReasonBody = z.object({ reason: Reason }).strict();

export const UserQuery = z
  .object({
    orgId: z.string().uuid('phải là UUID').optional(),
    q: z.string({ invalid_type_error: 'phải là chuỗi' }).max(100, 'tối đa 100 ký tự').optional(),
    disabled: z.enum(['true', 'false'], { errorMap: () => ({ message: 'true hoặc false' }) }).optional(),
    ...CURSOR_PARAMS,
  })
  .strict();
