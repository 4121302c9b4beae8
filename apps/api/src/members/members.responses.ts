import { z } from 'zod';
import { MEMBER_STATUSES } from '@partyflow/domain';
import { cursorPageOf, localDate, uuid } from '../common/response-schemas';

/**
 * A member or candidate as the API shows it (members.service.ts `view`); the personal fields are null for
 * readers without access to them (personalData 'restricted'), and the national ID is then masked.
 */
export const MemberResponse = z.strictObject({
  id: uuid,
  fullName: z.string(),
  status: z.enum(MEMBER_STATUSES),
  statusLabel: z.string(),
  orgId: uuid,
  orgName: z.string(),
  personalData: z.enum(['full', 'restricted']),
  nationalId: z.string().nullable().describe('12 chữ số; che trừ 4 số cuối khi personalData là restricted'),
  birthDate: localDate.nullable(),
  gender: z.string().nullable(),
  genderLabel: z.string().nullable(),
  residenceOrgId: uuid.nullable(),
  educationLevel: z.string().nullable(),
  educationLevelLabel: z.string().nullable(),
  massOrganisations: z.array(z.strictObject({ key: z.string(), name: z.string() })).nullable(),
  courseCertificate: z
    .strictObject({
      courseStartedOn: localDate.nullable(),
      courseEndedOn: localDate.nullable(),
      issuedOn: localDate,
      number: z.string().nullable(),
      issuedBy: z.string().nullable(),
    })
    .nullable(),
  specialCases: z.array(z.string()).nullable(),
  joinedOn: localDate.nullable(),
  officialSince: localDate.nullable(),
  exemptSince: localDate.nullable(),
  exemptReason: z.string().nullable(),
  removedOn: localDate.nullable(),
});

/** GET /members: a page in name order. */
export const MemberPageResponse = cursorPageOf(MemberResponse);
