import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  DisciplineRecordEntity,
  DuesPaymentEntity,
  MeetingAttendanceEntity,
  MemberGradingEntity,
  PartyTransferEntity,
  ResidenceCommentEntity,
  type TransferKind,
  type TransferStatus,
} from '@partyflow/persistence';
import type { AttendanceInput, DisciplineInput, DuesInput, GradingInput } from './records.schemas';

/**
 * The writes shared by the single-record endpoints and the CSV import, always inside the
 * caller's transaction. Tables with a natural key are upserted on it (the last write wins);
 * disciplines and transfers have none and are inserted.
 */

const CHUNK = 500;
const firstOfMonth = (month: string) => `${month}-01`;

async function inChunks<T>(rows: readonly T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

export type AttendanceRow = AttendanceInput & { memberId: string; organisationId: string };
export async function upsertAttendance(
  em: EntityManager,
  rows: readonly AttendanceRow[],
  recordedBy: string,
  at: Date,
): Promise<void> {
  await inChunks(rows, (chunk) =>
    em
      .createQueryBuilder()
      .insert()
      .into(MeetingAttendanceEntity)
      .values(
        chunk.map((r) => ({
          memberId: r.memberId,
          month: firstOfMonth(r.month),
          organisationId: r.organisationId,
          status: r.status,
          reason: r.reason || null,
          recordedBy,
          recordedAt: at,
        })),
      )
      .orUpdate(['organisation_id', 'status', 'reason', 'recorded_by', 'recorded_at'], ['member_id', 'month'])
      .execute(),
  );
}

export type DuesRow = DuesInput & { memberId: string };
export async function upsertDues(
  em: EntityManager,
  rows: readonly DuesRow[],
  recordedBy: string,
  at: Date,
): Promise<void> {
  await inChunks(rows, (chunk) =>
    em
      .createQueryBuilder()
      .insert()
      .into(DuesPaymentEntity)
      .values(
        chunk.map((r) => ({
          memberId: r.memberId,
          month: firstOfMonth(r.month),
          amountVnd: r.amountVnd,
          paidOn: r.paidOn,
          recordedBy,
          recordedAt: at,
        })),
      )
      .orUpdate(['amount_vnd', 'paid_on', 'recorded_by', 'recorded_at'], ['member_id', 'month'])
      .execute(),
  );
}

export type GradingRow = GradingInput & { memberId: string };
export async function upsertGradings(em: EntityManager, rows: readonly GradingRow[]): Promise<void> {
  await inChunks(rows, (chunk) =>
    em
      .createQueryBuilder()
      .insert()
      .into(MemberGradingEntity)
      .values(chunk.map((r) => ({ memberId: r.memberId, year: r.year, grading: r.grading, award: r.award })))
      .orUpdate(['grading', 'award'], ['member_id', 'year'])
      .execute(),
  );
}

export type DisciplineRow = DisciplineInput & { memberId: string };
export async function insertDisciplines(
  em: EntityManager,
  rows: readonly DisciplineRow[],
  recordedBy: string,
): Promise<string[]> {
  const ids = rows.map(() => randomUUID());
  await inChunks(
    rows.map((r, i) => ({ r, id: ids[i] })),
    (chunk) =>
      em
        .createQueryBuilder()
        .insert()
        .into(DisciplineRecordEntity)
        .values(
          chunk.map(({ r, id }) => ({
            id,
            memberId: r.memberId,
            form: r.form,
            decidedBy: r.decidedBy,
            decidedOn: r.decidedOn,
            endsOn: r.endsOn,
            authority: r.authority,
            reason: r.reason,
            recordedBy,
          })),
        )
        .execute(),
  );
  return ids;
}

export type ResidenceCommentRow = {
  memberId: string;
  year: number;
  residenceOrgId: string;
  assessment: ResidenceCommentEntity['assessment'];
  comment: string;
};
export async function upsertResidenceComments(
  em: EntityManager,
  rows: readonly ResidenceCommentRow[],
  givenBy: string,
): Promise<void> {
  await inChunks(rows, (chunk) =>
    em
      .createQueryBuilder()
      .insert()
      .into(ResidenceCommentEntity)
      .values(chunk.map((r) => ({ ...r, givenBy })))
      .orUpdate(['residence_org_id', 'assessment', 'comment', 'given_by'], ['member_id', 'year'])
      .execute(),
  );
}

/** A historical transfer (imported): no workflow is started for it. */
export type TransferRow = {
  memberId: string;
  kind: TransferKind;
  fromOrgId: string;
  toOrgId: string;
  issuedOn: string;
  presentBy: string;
  presentedOn: string | null;
  periodMonths: number | null;
  returnDue: string | null;
  returnedOn: string | null;
  status: TransferStatus;
  note: string | null;
};
export async function insertTransfers(
  em: EntityManager,
  rows: readonly TransferRow[],
  issuedBy: string,
): Promise<void> {
  await inChunks(rows, (chunk) =>
    em
      .createQueryBuilder()
      .insert()
      .into(PartyTransferEntity)
      .values(chunk.map((r) => ({ id: randomUUID(), ...r, workflowId: null, issuedBy })))
      .execute(),
  );
}
