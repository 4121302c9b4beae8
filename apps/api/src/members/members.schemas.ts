import { z } from 'zod';
import { localDateSchema } from '@partyflow/contracts';
import {
  EDUCATION_LEVELS,
  GENDERS,
  isValidNationalId,
  MASS_ORGANISATION_KINDS,
  MEMBER_STATUSES,
  SPECIAL_VERIFICATION_CASES,
} from '@partyflow/domain';
import { CURSOR_PARAMS } from '../common/keyset';

/** Request bodies and queries of the members capability (issue 9 §2, §8), validated at the edge. */

/** The shared local-date type (issue 11 §3): a real date from 1900 to 2100. */
const LocalDateField = localDateSchema;
/** One of `values`; every refusal in Vietnamese (zod's own message for a value outside the list is English). */
const OneOf = <T extends string>(values: readonly [T, ...T[]]) =>
  z.enum(values, {
    errorMap: (issue) => ({
      message:
        issue.code === 'invalid_type' && issue.received === 'undefined' ? 'bắt buộc' : `một trong ${values.join(', ')}`,
    }),
  });
const Text = (max: number) =>
  z
    .string({ invalid_type_error: 'phải là chuỗi' })
    .trim()
    .min(1, 'không được để trống')
    .max(max, `tối đa ${max} ký tự`);
const RequiredText = (max: number, what = 'bắt buộc') =>
  z
    .string({ required_error: what, invalid_type_error: 'phải là chuỗi' })
    .trim()
    .min(1, what)
    .max(max, `tối đa ${max} ký tự`);
const Uuid = z.string({ required_error: 'bắt buộc', invalid_type_error: 'phải là UUID' }).uuid('phải là UUID');

const FullName = RequiredText(200).refine((v) => /\p{L}/u.test(v) && !/\d/.test(v), 'phải là họ tên (chữ cái)');
const NationalId = z
  .string({ required_error: 'bắt buộc', invalid_type_error: 'phải là chuỗi 12 chữ số' })
  .trim()
  .refine(isValidNationalId, 'số căn cước công dân phải gồm đúng 12 chữ số');

const MassOrganisation = z.object({ key: OneOf(MASS_ORGANISATION_KINDS), name: Text(300).optional() }).strict();
const MassOrganisations = z
  .array(MassOrganisation, { invalid_type_error: 'phải là danh sách' })
  .max(MASS_ORGANISATION_KINDS.length, `tối đa ${MASS_ORGANISATION_KINDS.length} đoàn thể`)
  .superRefine((list, ctx) => {
    list.forEach((m, i) => {
      if (list.findIndex((x) => x.key === m.key) !== i)
        ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `trùng đoàn thể '${m.key}'` });
    });
  });
const SpecialCases = z
  .array(OneOf(SPECIAL_VERIFICATION_CASES), { invalid_type_error: 'phải là danh sách' })
  .superRefine((list, ctx) => {
    list.forEach((c, i) => {
      if (list.indexOf(c) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `trùng '${c}'` });
    });
  });

/** The Party-awareness course certificate [R15][R20]: the course's dates and the certificate's. */
export const CourseCertificateBody = z
  .object({
    courseStartedOn: LocalDateField,
    courseEndedOn: LocalDateField.nullish(),
    issuedOn: LocalDateField,
    number: Text(100).nullish(),
    issuedBy: Text(300).nullish(),
  })
  .strict();

const Reason = RequiredText(2000, 'bắt buộc: lý do, căn cứ');

/** Registering a candidate (quần chúng ưu tú) in a cell. */
export const RegisterCandidateBody = z
  .object({
    fullName: FullName,
    birthDate: LocalDateField,
    gender: OneOf(GENDERS),
    nationalId: NationalId,
    /** The cell of the workplace or place of study: the cell that lists the candidate and considers the case. */
    workplaceCellId: Uuid,
    /** The cell where the candidate lives, asked for its opinion [R13][R14]; null when it is the workplace cell. */
    residenceCellId: Uuid.nullish(),
    educationLevel: OneOf(EDUCATION_LEVELS),
    massOrganisations: MassOrganisations.default([]),
    courseCertificate: CourseCertificateBody.nullish(),
    specialCases: SpecialCases.default([]),
    reason: RequiredText(2000).optional(),
  })
  .strict();
export type RegisterCandidateInput = z.infer<typeof RegisterCandidateBody>;

/** Editing a record: any of the personal fields, and always why. */
export const EditMemberBody = z
  .object({
    fullName: FullName.optional(),
    birthDate: LocalDateField.optional(),
    gender: OneOf(GENDERS).optional(),
    nationalId: NationalId.optional(),
    workplaceCellId: Uuid.optional(),
    residenceCellId: Uuid.nullable().optional(),
    educationLevel: OneOf(EDUCATION_LEVELS).optional(),
    massOrganisations: MassOrganisations.optional(),
    courseCertificate: CourseCertificateBody.nullable().optional(),
    specialCases: SpecialCases.optional(),
    reason: Reason,
  })
  .strict()
  .refine((b) => Object.keys(b).some((k) => k !== 'reason'), {
    message: 'không có trường nào để sửa',
    path: [],
  });
export type EditMemberInput = z.infer<typeof EditMemberBody>;

export const StatusChangeBody = z
  .object({
    status: OneOf(MEMBER_STATUSES),
    effectiveOn: LocalDateField,
    /** Why; for an exemption, its reason (kept on the record). */
    reason: Reason,
    decisionRef: Text(200).optional(),
  })
  .strict();
export type StatusChangeInput = z.infer<typeof StatusChangeBody>;

export const MemberQuery = z
  .object({
    status: OneOf(MEMBER_STATUSES).optional(),
    orgId: z.string().uuid('phải là UUID').optional(),
    q: z.string({ invalid_type_error: 'phải là chuỗi' }).max(100, 'tối đa 100 ký tự').optional(),
    ...CURSOR_PARAMS,
  })
  .strict();
