import { In, type DataSource } from 'typeorm';
import { ApplicationFailure } from '@temporalio/common';
import {
  detectForMember,
  escapeLikePattern,
  localDateOf,
  yearMonthOf,
  type Grading,
  type MemberRecords,
} from '@partyflow/domain';
import { ACTIVITY_FAILURES, type DetectionActivities, type DetectedFinding } from '@partyflow/contracts';
import {
  AuditLogEntity,
  DetectionRunEntity,
  DisciplineRecordEntity,
  DuesPaymentEntity,
  MeetingAttendanceEntity,
  MemberEntity,
  MemberGradingEntity,
  OrganisationEntity,
  PartyTransferEntity,
  ScreeningCaseEntity,
} from '@partyflow/persistence';
import { appendAudit } from '@partyflow/audit';
import { orgCodesOfPath } from '../shared/organisations';

export type DetectionDeps = { dataSource: DataSource };

/**
 * The detection run's page cursor (`afterMemberId` / `lastMemberId` of detectPage, opaque to the workflow): since
 * issue 13 §4 it is `p1:<organisation path>|<member id>`, the (path, id) of the last member of the page, read where
 * the page was made (a member transferred meanwhile moves nothing). A bare member id is the cursor of a run that
 * began before, in member id order: such a run goes on in that order to its end, so it neither skips nor repeats a
 * member when a worker of this version takes it over.
 */
const PATH_CURSOR = 'p1:';
const pathCursor = (path: string, memberId: string) => `${PATH_CURSOR}${path}|${memberId}`;
function parsePathCursor(cursor: string): { path: string; memberId: string } | undefined {
  if (!cursor.startsWith(PATH_CURSOR)) return undefined;
  const bar = cursor.lastIndexOf('|');
  return { path: cursor.slice(PATH_CURSOR.length, bar), memberId: cursor.slice(bar + 1) };
}

/**
 * One page of the screened members of the subtree at `path` after `cursor` (issue 13 §4): in (organisation path,
 * member id) order, the organisations from their path index in that order (the pattern operators `~<~`, `~>~` are
 * that index's: the collation is not C) and each one's members from the member index by organisation, so a page
 * reads about its own rows, not every member of the country in id order as before. A bare member id as the cursor
 * (a run begun before): the next page in member id order, as that run began.
 */
export async function memberPage({
  dataSource,
  path,
  cursor,
  limit,
}: {
  dataSource: DataSource;
  path: string;
  cursor: string | null;
  limit: number;
}): Promise<{ ids: string[]; next: string | null }> {
  const params: unknown[] = [`${escapeLikePattern(path)}%`, SCREENED_STATUSES, limit];
  const legacy = cursor !== null && !cursor.startsWith(PATH_CURSOR);
  if (legacy) {
    params.push(cursor);
    const rows = (await dataSource.query(
      `SELECT m.id FROM member m JOIN organisation o ON o.id = m.organisation_id
        WHERE o.path LIKE $1 AND m.status = ANY($2) AND m.id > $4
        ORDER BY m.id LIMIT $3`,
      params,
    )) as { id: string }[];
    const ids = rows.map((r) => r.id);
    return { ids, next: ids.length ? ids[ids.length - 1] : cursor };
  }
  const after = cursor === null ? undefined : parsePathCursor(cursor);
  let where = '';
  if (after) {
    params.push(after.path, after.memberId);
    where = 'AND o.path ~>=~ $4 AND (o.path ~>~ $4 OR m.id > $5)';
  }
  const rows = (await dataSource.query(
    `SELECT m.id, o.path FROM organisation o JOIN member m ON m.organisation_id = o.id
      WHERE o.path LIKE $1 AND m.status = ANY($2) ${where}
      ORDER BY o.path USING ~<~, m.id
      LIMIT $3`,
    params,
  )) as { id: string; path: string }[];
  const last = rows[rows.length - 1];
  return { ids: rows.map((r) => r.id), next: last ? pathCursor(last.path, last.id) : cursor };
}

/** Members who take part in party activity; exempt members are excused from meetings and dues [R1]. */
const SCREENED_STATUSES = ['official', 'probationary'] as const;

/** Activities of a detection run: paging the subtree and evaluating the rules over the records. */
export function createDetectionActivities({ dataSource }: DetectionDeps): DetectionActivities {
  const orgPath = async (orgId: string): Promise<string> => {
    const org = await dataSource.getRepository(OrganisationEntity).findOneBy({ id: orgId });
    if (!org)
      throw ApplicationFailure.create({
        type: ACTIVITY_FAILURES.organisationNotFound,
        nonRetryable: true,
        message: `No organisation ${orgId}`,
      });
    return org.path;
  };

  return {
    async beginDetectionRun({ runId, workflowId, orgId, trigger, asOf, startedBy, at }) {
      const path = await orgPath(orgId);
      const total = await dataSource
        .getRepository(MemberEntity)
        .createQueryBuilder('m')
        .innerJoin(OrganisationEntity, 'o', 'o.id = m.organisation_id')
        .where('o.path LIKE :path AND m.status IN (:...statuses)', { path: `${path}%`, statuses: SCREENED_STATUSES })
        .getCount();
      const orgCodes = await dataSource.transaction(async (em) => {
        await em
          .createQueryBuilder()
          .insert()
          .into(DetectionRunEntity)
          .values({
            id: runId,
            workflowId,
            organisationId: orgId,
            trigger,
            asOf,
            status: 'running',
            totalMembers: total,
            processedMembers: 0,
            findings: 0,
            casesOpened: 0,
            duplicatesSkipped: 0,
            startedBy: startedBy.name,
            startedAt: new Date(at),
            finishedAt: null,
          })
          .orIgnore()
          .execute();
        await appendAudit(em, {
          eventKey: `detection:${runId}:started`,
          at: new Date(at),
          action: 'detection.started',
          actor: { userId: startedBy.userId || null, name: startedBy.name },
          process: 'screening',
          details: { runId, orgId, trigger, asOf, total },
        });
        return orgCodesOfPath(em, path);
      });
      return { total, orgCodes };
    },

    async detectPage({ orgId, asOf, afterMemberId, limit }) {
      const path = await orgPath(orgId);
      const { ids, next } = await memberPage({ dataSource, path, cursor: afterMemberId, limit });
      if (!ids.length) return { findings: [], lastMemberId: afterMemberId, scanned: 0 };
      const members = ids.map((id) => ({ id }));
      const [attendance, dues, gradings, transfers, disciplines, helpStarts] = await Promise.all([
        dataSource.getRepository(MeetingAttendanceEntity).findBy({ memberId: In(ids) }),
        dataSource.getRepository(DuesPaymentEntity).findBy({ memberId: In(ids) }),
        dataSource.getRepository(MemberGradingEntity).findBy({ memberId: In(ids) }),
        dataSource.getRepository(PartyTransferEntity).findBy({ memberId: In(ids) }),
        dataSource.getRepository(DisciplineRecordEntity).findBy({ memberId: In(ids) }),
        dataSource
          .getRepository(AuditLogEntity)
          .createQueryBuilder('a')
          .innerJoin(ScreeningCaseEntity, 'c', 'c.id = a.case_id')
          .select(['a.case_id AS "caseId"', 'a.at AS at', 'c.member_id AS "memberId"', 'c.status AS status'])
          .where("a.action = 'screening.help_started' AND c.member_id IN (:...ids)", { ids })
          .getRawMany<{ caseId: string; at: Date; memberId: string; status: string }>(),
      ]);
      const by = <T extends { memberId: string }>(rows: T[], id: string) => rows.filter((r) => r.memberId === id);
      const findings: DetectedFinding[] = [];
      for (const m of members) {
        const records: MemberRecords = {
          attendance: by(attendance, m.id).map((a) => ({
            month: yearMonthOf(a.month),
            status: a.status,
            reason: a.reason,
          })),
          dues: by(dues, m.id).map((d) => ({ month: yearMonthOf(d.month), amountVnd: d.amountVnd, paidOn: d.paidOn })),
          gradings: by(gradings, m.id).map((g) => ({ year: g.year, grading: g.grading as Grading })),
          transfers: by(transfers, m.id).map((t) => ({
            id: t.id,
            kind: t.kind,
            issuedOn: t.issuedOn,
            presentBy: t.presentBy,
            presentedOn: t.presentedOn,
            status: t.status,
          })),
          disciplines: by(disciplines, m.id).map((d) => ({
            id: d.id,
            form: d.form,
            decidedOn: d.decidedOn,
            endsOn: d.endsOn,
          })),
          helpHistory: by(helpStarts, m.id).map((h) => ({
            caseId: h.caseId,
            startedOn: localDateOf(new Date(h.at).getTime()),
            improved: h.status === 'improved' ? true : h.status === 'in_progress' ? null : false,
          })),
        };
        for (const f of detectForMember({ memberId: m.id, asOf, records })) {
          findings.push({
            memberId: f.memberId,
            ground: f.ground,
            summary: f.summary,
            evidence: f.evidence,
            source: f.source,
          });
        }
      }
      return { findings, lastMemberId: next, scanned: members.length };
    },

    async recordDetectionProgress({ runId, cursor, done, at }) {
      await dataSource.transaction(async (em) => {
        await em.update(
          DetectionRunEntity,
          { id: runId },
          {
            processedMembers: cursor.processed,
            findings: cursor.findings,
            casesOpened: cursor.casesOpened,
            duplicatesSkipped: cursor.duplicatesSkipped,
            ...(done ? { status: 'completed' as const, finishedAt: new Date(at) } : {}),
          },
        );
        if (done) {
          // Read under the organisation whose members the run scanned, as its start was (issue 9 §7).
          const run = await em.findOne(DetectionRunEntity, { where: { id: runId }, select: { organisationId: true } });
          await appendAudit(em, {
            eventKey: `detection:${runId}:completed`,
            at: new Date(at),
            action: 'detection.completed',
            actor: { userId: null, name: 'Hệ thống' },
            ...(run?.organisationId ? { orgId: run.organisationId } : {}),
            process: 'screening',
            details: {
              runId,
              processed: cursor.processed,
              findings: cursor.findings,
              casesOpened: cursor.casesOpened,
              duplicatesSkipped: cursor.duplicatesSkipped,
            },
          });
        }
      });
    },
  };
}
