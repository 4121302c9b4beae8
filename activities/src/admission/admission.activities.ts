import type { DataSource, EntityManager } from 'typeorm';
import { ApplicationFailure } from '@temporalio/common';
import {
  checkIntroducers,
  evaluateEligibility,
  EVIDENCE_LABELS,
  staleEvidence,
  type EvidenceItem,
  labelVi,
  selectCriteriaSetInForce,
  type Grading,
} from '@partyflow/domain';
import {
  ACTIVITY_FAILURES,
  type AdmissionActivities,
  type AdmissionResult,
  type AuthorityHolder,
  type EligibilityOutcome,
} from '@partyflow/contracts';
import { AdmissionCaseEntity, CriteriaSetEntity, MemberEntity, MemberGradingEntity } from '@partyflow/persistence';
import { appendAudit, SYSTEM_ACTOR } from '@partyflow/audit';
import { resolveAuthority } from '../shared/authority';

export type AdmissionDeps = { dataSource: DataSource };

async function loadCase(em: EntityManager, caseId: string): Promise<AdmissionCaseEntity> {
  const row = await em.findOneBy(AdmissionCaseEntity, { id: caseId });
  if (!row)
    throw ApplicationFailure.create({
      type: ACTIVITY_FAILURES.caseNotFound,
      nonRetryable: true,
      message: `No admission case ${caseId}`,
    });
  return row;
}

/**
 * The criteria set in force on `onDate` of the nearest committee on the path from the cell up to the root
 * (issue 9 §6: the set in force on the day of the cell's consideration).
 */
async function criteriaFor(em: EntityManager, orgPath: string, onDate: string): Promise<CriteriaSetEntity | null> {
  const ids = orgPath.split('/').filter(Boolean);
  const sets = await em
    .createQueryBuilder(CriteriaSetEntity, 'c')
    .where('c.organisation_id IN (:...ids)', { ids })
    .getMany();
  return selectCriteriaSetInForce({
    sets: sets.map((s) => ({ ...s, retired: !s.active })),
    pathIds: ids,
    onDate,
  });
}

/** Activities of the admission workflow: rule checks over the records, and the case read model. */
export function createAdmissionActivities({ dataSource }: AdmissionDeps): AdmissionActivities {
  return {
    async checkEligibility({
      caseId,
      onDate,
      stage = 'opening',
      certificateValidityMonths,
    }): Promise<EligibilityOutcome> {
      return dataSource.transaction(async (em) => {
        const c = await loadCase(em, caseId);
        const candidate = await em.findOneByOrFail(MemberEntity, { id: c.candidateMemberId });
        const gradings = await em.findBy(MemberGradingEntity, { memberId: candidate.id });
        const criteria = await criteriaFor(em, c.orgPath, onDate);
        const outcome = evaluateEligibility({
          candidate: {
            birthDate: candidate.birthDate,
            educationLevel: (candidate.educationLevel ?? 'primary') as Parameters<
              typeof evaluateEligibility
            >[0]['candidate']['educationLevel'],
            courseCertificateIssuedOn: candidate.courseCertificateIssuedOn ?? undefined,
            gradings: gradings.map((g) => ({ year: g.year, grading: g.grading as Grading, award: g.award })),
          },
          onDate,
          criteriaSet: criteria?.definition,
          ...(certificateValidityMonths === undefined ? {} : { params: { certificateValidityMonths } }),
        });
        // The case records the set its latest check used: since issue 9 §2, the one in force when the cell vote opens.
        await em.update(
          AdmissionCaseEntity,
          { id: caseId },
          { criteriaSetId: criteria?.id ?? null, criteriaCheckedOn: onDate },
        );
        await appendAudit(em, {
          eventKey:
            stage === 'opening' ? `admission-${caseId}:eligibility` : `admission-${caseId}:eligibility:${stage}`,
          at: new Date(),
          action: 'case.eligibility_checked',
          actor: SYSTEM_ACTOR,
          process: 'admission',
          caseId,
          step: stage === 'opening' ? 'eligibility' : stage,
          outcome: outcome.eligible ? 'eligible' : 'not_eligible',
          details: {
            onDate,
            stage,
            criteriaSet: criteria?.name ?? null,
            criteriaSetId: criteria?.id ?? null,
            criteriaDocumentRef: criteria?.documentRef ?? null,
            results: outcome.results,
          },
        });
        return outcome;
      });
    },

    async assessEvidence({ caseId, step, round, onDate, items, validity }) {
      return dataSource.transaction(async (em) => {
        const c = await loadCase(em, caseId);
        const candidate = await em.findOneByOrFail(MemberEntity, { id: c.candidateMemberId });
        const certificate: EvidenceItem = {
          key: 'course_certificate',
          kind: 'course_certificate',
          label: EVIDENCE_LABELS.course_certificate,
          datedOn: candidate.courseCertificateIssuedOn,
        };
        const stale = staleEvidence({ items: [certificate, ...items], onDate, validity });
        if (stale.length)
          await appendAudit(em, {
            eventKey: `admission-${caseId}:evidence-stale:${step}:${round}`,
            at: new Date(),
            action: 'case.evidence_stale',
            actor: SYSTEM_ACTOR,
            process: 'admission',
            caseId,
            step,
            outcome: 'held',
            comment: stale.map((e) => e.reason).join(' '),
            details: { onDate, round, validity, stale },
          });
        return stale;
      });
    },

    async recordCourseCertificate({ caseId, certifiedOn, certificateRef, actor, at }) {
      await dataSource.transaction(async (em) => {
        const c = await loadCase(em, caseId);
        const candidate = await em.findOneByOrFail(MemberEntity, { id: c.candidateMemberId });
        const before = { issuedOn: candidate.courseCertificateIssuedOn, number: candidate.courseCertificateNumber };
        await em.update(
          MemberEntity,
          { id: candidate.id },
          { courseCertificateIssuedOn: certifiedOn, courseCertificateNumber: certificateRef },
        );
        await appendAudit(em, {
          eventKey: `admission-${caseId}:course-certificate:${certifiedOn}:${certificateRef}`,
          at: new Date(at),
          action: 'member.course_certificate_renewed',
          actor,
          process: 'admission',
          caseId,
          step: 'course_certificate_refresh',
          details: { memberId: candidate.id, before, after: { issuedOn: certifiedOn, number: certificateRef } },
        });
      });
    },

    async verifyIntroducers({ caseId, introducers, unionResolution }) {
      const ids = introducers.map((i) => i.memberId);
      const members = ids.length
        ? await dataSource
            .getRepository(MemberEntity)
            .createQueryBuilder('m')
            .where('m.id IN (:...ids)', { ids })
            .getMany()
        : [];
      const result = checkIntroducers({
        introducers: introducers.map((i) => ({
          memberId: i.memberId,
          status: members.find((m) => m.id === i.memberId)?.status ?? 'removed',
          monthsAlongside: i.monthsAlongside,
        })),
        unionResolution,
      });
      await appendAudit(dataSource.manager, {
        eventKey: `admission-${caseId}:introducers-verified`,
        at: new Date(),
        action: 'case.introducers_verified',
        actor: SYSTEM_ACTOR,
        process: 'admission',
        caseId,
        step: 'introducers',
        outcome: result.passed ? 'passed' : 'failed',
        details: {
          introducers: introducers.map((i) => ({
            ...i,
            fullName: members.find((m) => m.id === i.memberId)?.fullName ?? null,
          })),
          unionResolution: unionResolution ?? null,
          result,
        },
      });
      return result;
    },

    async resolveAdmissionAuthority({ grassrootsOrgId, competentOrgId, at }): Promise<AuthorityHolder> {
      return resolveAuthority(dataSource, { power: 'admission', grassrootsOrgId, competentOrgId, at });
    },

    async recordCaseStep({ caseId, step, at }) {
      await dataSource.transaction(async (em) => {
        await em.update(AdmissionCaseEntity, { id: caseId }, { currentStep: step });
        await appendAudit(em, {
          eventKey: `admission-${caseId}:step:${step}`,
          at: new Date(at),
          action: 'case.step_entered',
          actor: SYSTEM_ACTOR,
          process: 'admission',
          caseId,
          step,
          details: { label: labelVi(step) },
        });
      });
    },

    async recordMilestone({ caseId, milestone, on, at }) {
      await dataSource.transaction(async (em) => {
        const c = await loadCase(em, caseId);
        if (milestone === 'decided') {
          await em.update(AdmissionCaseEntity, { id: caseId }, { decidedOn: on });
        } else if (milestone === 'ceremony') {
          await em.update(AdmissionCaseEntity, { id: caseId }, { ceremonyOn: on, status: 'probationary' });
          await em.update(MemberEntity, { id: c.candidateMemberId }, { status: 'probationary', joinedOn: on });
        } else {
          await em.update(AdmissionCaseEntity, { id: caseId }, { officialOn: on });
          await em.update(MemberEntity, { id: c.candidateMemberId }, { status: 'official', officialSince: on });
        }
        await appendAudit(em, {
          eventKey: `admission-${caseId}:milestone:${milestone}`,
          at: new Date(at),
          action: `case.${milestone}`,
          actor: SYSTEM_ACTOR,
          process: 'admission',
          caseId,
          details: { on },
        });
      });
    },

    async endCase({ caseId, result, at }: { caseId: string; result: AdmissionResult; at: string }) {
      await dataSource.transaction(async (em) => {
        await em.update(
          AdmissionCaseEntity,
          { id: caseId },
          {
            status: result.status,
            endStep: result.endStep,
            endReason: result.reason,
            endedAt: new Date(at),
            currentStep: null,
          },
        );
        await appendAudit(em, {
          eventKey: `admission-${caseId}:ended`,
          at: new Date(at),
          action: 'case.ended',
          actor: SYSTEM_ACTOR,
          process: 'admission',
          caseId,
          step: result.endStep,
          outcome: result.status,
          comment: result.reason,
        });
      });
    },
  };
}
