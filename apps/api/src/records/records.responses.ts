import { z } from 'zod';
import {
  ATTENDANCE_STATUSES,
  DISCIPLINE_BODIES,
  DISCIPLINE_FORMS,
  GRADINGS,
  MEMBER_STATUSES,
  RESIDENCE_ASSESSMENTS,
} from '@partyflow/domain';
import { instant, localDate, uuid, yearMonth } from '../common/response-schemas';
import { IMPORT_KINDS, TRANSFER_KINDS, TRANSFER_STATUSES } from './records.schemas';

/** A single-record write: whether the row is new (false: it replaced the one of that month or year). */
const written = <T extends z.ZodRawShape>(record: T) =>
  z.strictObject({ created: z.boolean(), record: z.strictObject(record) });

export const AttendanceWriteResponse = written({
  memberId: uuid,
  month: yearMonth,
  status: z.enum(ATTENDANCE_STATUSES),
  statusLabel: z.string(),
  reason: z.string().nullable(),
});

export const DuesWriteResponse = written({
  memberId: uuid,
  month: yearMonth,
  amountVnd: z.number().int(),
  paidOn: localDate.nullable().describe('null: chưa đóng'),
});

export const GradingWriteResponse = written({
  memberId: uuid,
  year: z.number().int(),
  grading: z.enum(GRADINGS),
  award: z.boolean(),
  gradingLabel: z.string(),
});

export const DisciplineWriteResponse = written({
  id: uuid,
  memberId: uuid,
  form: z.enum(DISCIPLINE_FORMS),
  decidedBy: z.enum(DISCIPLINE_BODIES),
  decidedOn: localDate,
  endsOn: localDate.nullable(),
  authority: z.string(),
  reason: z.string(),
  formLabel: z.string(),
});

export const ResidenceCommentWriteResponse = written({
  memberId: uuid,
  year: z.number().int(),
  residenceOrgId: uuid,
  assessment: z.enum(RESIDENCE_ASSESSMENTS),
  assessmentLabel: z.string(),
  comment: z.string(),
});

/** A transfer of party activity (party_transfer row). */
export const TransferRecordResponse = z.strictObject({
  id: uuid,
  memberId: uuid,
  kind: z.enum(TRANSFER_KINDS),
  fromOrgId: uuid,
  toOrgId: uuid,
  issuedOn: localDate,
  presentBy: localDate,
  presentedOn: localDate.nullable(),
  periodMonths: z.number().int().nullable(),
  returnDue: localDate.nullable(),
  returnedOn: localDate.nullable(),
  status: z.enum(TRANSFER_STATUSES),
  workflowId: z.string().nullable(),
  issuedBy: z.string(),
  note: z.string().nullable(),
});

/** GET /members/:id/records: every activity record of one member, oldest first. */
export const MemberRecordsResponse = z.strictObject({
  member: z.strictObject({
    id: uuid,
    fullName: z.string(),
    status: z.enum(MEMBER_STATUSES),
    organisationId: uuid,
    organisationName: z.string(),
  }),
  attendance: z.array(
    z.strictObject({
      month: yearMonth,
      status: z.enum(ATTENDANCE_STATUSES),
      statusLabel: z.string(),
      reason: z.string().nullable(),
      organisationId: uuid,
      recordedBy: z.string(),
      recordedAt: instant,
    }),
  ),
  dues: z.array(
    z.strictObject({
      month: yearMonth,
      amountVnd: z.number().int(),
      paidOn: localDate.nullable(),
      recordedBy: z.string(),
      recordedAt: instant,
    }),
  ),
  gradings: z.array(
    z.strictObject({ year: z.number().int(), grading: z.enum(GRADINGS), gradingLabel: z.string(), award: z.boolean() }),
  ),
  transfers: z.array(TransferRecordResponse),
  disciplines: z.array(
    z.strictObject({
      id: uuid,
      memberId: uuid,
      form: z.enum(DISCIPLINE_FORMS),
      formLabel: z.string(),
      decidedOn: localDate,
      endsOn: localDate.nullable(),
      authority: z.string(),
      decidedBy: z.enum(DISCIPLINE_BODIES).nullable(),
      decidedByLabel: z.string().nullable(),
      reason: z.string(),
      recordedBy: z.string(),
    }),
  ),
  residenceComments: z.array(
    z.strictObject({
      memberId: uuid,
      year: z.number().int(),
      residenceOrgId: uuid,
      assessment: z.enum(RESIDENCE_ASSESSMENTS),
      assessmentLabel: z.string(),
      comment: z.string(),
      givenBy: z.string(),
    }),
  ),
});

/** POST /imports/:kind (CSV): all rows written, or none. */
export const RecordsImportResponse = z.strictObject({
  importId: z.string(),
  kind: z.enum(IMPORT_KINDS),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
});
