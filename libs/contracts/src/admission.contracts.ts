import { defineQuery } from '@temporalio/workflow';
import { z } from 'zod';
import type { Duration, EvidenceKind, EvidenceValidity, RuleResult, StaleEvidence, Threshold } from '@partyflow/domain';
import type { Actor } from './human-task.contracts';
import { localDateSchema as localDate } from './local-date.contracts';
import { SCREENING_ROSTER_FROM_RECORDS, type ScreeningTaskStep } from './screening.contracts';

/** Workflow id of an admission case: deterministic, so a start is idempotent per case. */
export const admissionWorkflowId = (caseId: string): string => `admission-${caseId}`;
export const ADMISSION_PROCESS = 'admission';

export type AdmissionInput = {
  caseId: string;
  candidate: { memberId: string; fullName: string };
  cellOrgId: string;
  grassrootsOrgId: string;
  /** The directly superior committee of the grassroots organisation (competent to admit). */
  competentOrgId: string;
  /** The party cell where the candidate lives (chi ủy nơi cư trú), if any. */
  residenceOrgId: string | null;
  massOrganisations: { key: string; name: string }[];
  specialCases: string[];
  thresholds: { cellVote: Threshold; grassrootsVote: Threshold; recognitionVote: Threshold };
  probation: Duration;
  maxRecognitionVotes: number;
  /**
   * Issue 14 §4: how long each piece of evidence stays valid, in months (EVIDENCE_VALIDITY_*_MONTHS at the start);
   * absent in cases started before, which use DEFAULT_EVIDENCE_VALIDITY.
   */
  evidenceValidity?: EvidenceValidity;
  /** Codes of the cell and its ancestors, for the PartyOrgCodes search attribute. */
  orgCodes: string[];
  startedBy: Actor;
};

export type AdmissionStatus = 'in_progress' | 'probationary' | 'official' | 'rejected' | 'not_recognised' | 'cancelled';

export type AdmissionResult = {
  status: Exclude<AdmissionStatus, 'in_progress' | 'probationary'>;
  endStep: string;
  reason: string;
  officialOn?: string;
};

export type AdmissionState = {
  status: AdmissionStatus;
  currentStep: string;
  decidedOn?: string;
  ceremonyOn?: string;
  officialOn?: string;
  recognitionVotes: number;
  /**
   * Issue 14 §4: the vote held because evidence went stale before it opened: the step held, since when, and each
   * stale piece with its reason; the refresh tasks are open meanwhile. Absent when no vote is held.
   */
  evidenceHold?: { step: string; since: string; stale: StaleEvidence[] };
};
export const admissionStateQuery = defineQuery<AdmissionState>('admissionState');

const nonEmpty = (field: string) => z.string().trim().min(1, `${field} không được để trống`);
const count = z.number().int().min(0);
const roster = z.object({ official: count, exempt: count }).strict();
const votes = z.object({ yes: count, no: count }).strict();
const opinion = z.object({ givenBy: nonEmpty('givenBy'), summary: nonEmpty('summary') }).strict();

/**
 * Per step: the outcomes a task may close with and the shape of its data. The workflow's update
 * validator enforces both; the API validates the same schema first so that bad input is a 400.
 */
export const ADMISSION_TASKS = {
  introducers: {
    outcomes: ['submitted', 'withdrawn'],
    data: z
      .object({
        introducers: z
          .array(z.object({ memberId: z.string().uuid(), monthsAlongside: count }).strict())
          .min(1)
          .max(2),
        unionResolution: z
          .object({ kind: z.enum(['youth_union', 'trade_union']), reference: nonEmpty('reference') })
          .strict()
          .optional(),
      })
      .strict(),
  },
  background_check: {
    outcomes: ['cleared', 'not_cleared'],
    data: z
      .object({
        verifiedPersons: z
          .array(
            z
              .object({
                relation: nonEmpty('relation'),
                fullName: nonEmpty('fullName'),
                conclusion: nonEmpty('conclusion'),
              })
              .strict(),
          )
          .min(1),
        conclusion: nonEmpty('conclusion'),
      })
      .strict(),
  },
  special_verification: {
    outcomes: ['cleared', 'not_cleared'],
    data: z.object({ reference: nonEmpty('reference'), conclusion: nonEmpty('conclusion') }).strict(),
  },
  opinion_residence: { outcomes: ['favourable', 'unfavourable'], data: opinion },
  opinion_mass_org: { outcomes: ['favourable', 'unfavourable'], data: opinion },
  /** Issue 14 §4: the certificate expired before a vote; the new one's date and reference. */
  course_certificate_refresh: {
    outcomes: ['renewed'],
    data: z.object({ certifiedOn: localDate, certificateRef: nonEmpty('certificateRef') }).strict(),
  },
  cell_vote: {
    outcomes: ['approved', 'rejected'],
    data: z.object({ roster, votes, minutesRef: nonEmpty('minutesRef') }).strict(),
  },
  grassroots_vote: {
    outcomes: ['approved', 'rejected'],
    data: z.object({ roster, votes, resolutionRef: nonEmpty('resolutionRef') }).strict(),
  },
  appraisal: { outcomes: ['endorsed', 'not_endorsed'], data: z.object({ summary: nonEmpty('summary') }).strict() },
  decision: {
    outcomes: ['admitted', 'rejected'],
    data: z.object({ decisionNumber: nonEmpty('decisionNumber'), decidedOn: localDate }).strict(),
  },
  ceremony: { outcomes: ['held'], data: z.object({ heldOn: localDate }).strict() },
  assign_helper: { outcomes: ['assigned'], data: z.object({ helperMemberId: z.string().uuid() }).strict() },
  recognition_cell_vote: {
    outcomes: ['recognised', 'not_recognised', 'inconclusive'],
    data: z
      .object({
        roster,
        votes,
        minutesRef: nonEmpty('minutesRef'),
        selfReviewReceived: z.literal(true, {
          errorMap: () => ({ message: 'cần bản tự kiểm điểm của đảng viên dự bị' }),
        }),
        helperCommentReceived: z.literal(true, { errorMap: () => ({ message: 'cần nhận xét của đảng viên giúp đỡ' }) }),
        newMemberCourseCertifiedOn: localDate,
      })
      .strict(),
  },
  recognition_superior_decision: {
    outcomes: ['recognised', 'not_recognised'],
    data: z.object({ summary: nonEmpty('summary') }).strict(),
  },
  recognition_decision: {
    outcomes: ['recognised', 'not_recognised'],
    data: z.object({ decisionNumber: nonEmpty('decisionNumber') }).strict(),
  },
} as const satisfies Record<string, { outcomes: readonly string[]; data: z.ZodTypeAny }>;

export type AdmissionTaskStep = keyof typeof ADMISSION_TASKS;
/** Steps whose vote roster the API fills from the organisation's records, never from the request. */
export const ROSTER_FROM_RECORDS: Partial<Record<AdmissionTaskStep | ScreeningTaskStep, 'cell' | 'committee'>> = {
  cell_vote: 'cell',
  grassroots_vote: 'committee',
  recognition_cell_vote: 'cell',
  // Step keys are unique across processes (glossary), so one map serves them all.
  ...SCREENING_ROSTER_FROM_RECORDS,
};

export type EligibilityOutcome = { eligible: boolean; results: RuleResult[] };
export type AuthorityHolder = {
  orgId: string;
  role: 'standing_committee_member' | 'grassroots_committee_member';
  delegated: boolean;
  grantId: string | null;
};

export type AdmissionActivities = {
  /**
   * Eligibility on `onDate` (a local date): at the opening, and again on the day the cell vote opens (`stage`
   * 'cell_vote', issue 9 §2), with the committee's criteria set in force that day.
   */
  checkEligibility(input: {
    caseId: string;
    onDate: string;
    stage?: 'opening' | 'cell_vote';
    /** The course certificate's window (evidenceValidity); absent: the domain default. */
    certificateValidityMonths?: number;
  }): Promise<EligibilityOutcome>;
  /**
   * Issue 14 §4: which evidence is stale on `onDate`, before the vote `step` opens: the course certificate is read
   * from the candidate's record, the other pieces are dated by the workflow (their tasks' completion). A stale piece
   * is audited (case.evidence_stale) once per `round`.
   */
  assessEvidence(input: {
    caseId: string;
    step: string;
    round: number;
    onDate: string;
    items: { key: string; kind: EvidenceKind; label: string; datedOn: string | null }[];
    validity: EvidenceValidity;
  }): Promise<StaleEvidence[]>;
  /** Issue 14 §4: the renewed course certificate goes on the candidate's record (audited). */
  recordCourseCertificate(input: {
    caseId: string;
    certifiedOn: string;
    certificateRef: string;
    actor: Actor;
    at: string;
  }): Promise<void>;
  verifyIntroducers(input: {
    caseId: string;
    introducers: { memberId: string; monthsAlongside: number }[];
    unionResolution?: { kind: 'youth_union' | 'trade_union'; reference: string };
  }): Promise<RuleResult>;
  resolveAdmissionAuthority(input: {
    grassrootsOrgId: string;
    competentOrgId: string;
    at: string;
  }): Promise<AuthorityHolder>;
  recordCaseStep(input: { caseId: string; step: string; at: string }): Promise<void>;
  recordMilestone(input: {
    caseId: string;
    milestone: 'decided' | 'ceremony' | 'official';
    on: string;
    at: string;
  }): Promise<void>;
  endCase(input: { caseId: string; result: AdmissionResult; at: string }): Promise<void>;
};
