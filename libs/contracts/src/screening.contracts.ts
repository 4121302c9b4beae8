import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import type { Duration, MemberStatus, RemovalFormKey, Threshold } from '@partyflow/domain';
import type { Actor } from './human-task.contracts';
import { localDateSchema as localDate, yearMonthSchema } from './local-date.contracts';

/** Workflow id of a screening case: deterministic, so a start is idempotent per case. */
export const screeningWorkflowId = (caseId: string): string => `screening-${caseId}`;

export type ScreeningSourceKind = 'detection' | 'manual_flag' | 'transfer';

/** What opens a case: a detection finding, a cell member's flag, or a transfer never presented. */
export type ScreeningIntakeInput = {
  memberId: string;
  /** Coded ground (e.g. 'transfer_not_presented'); one open case per member and ground. */
  ground: string;
  evidence: Record<string, unknown>;
  source: ScreeningSourceKind;
  startedBy: Actor;
};
export type ScreeningIntakeResult = { caseId: string; created: boolean };

export type ScreeningInput = {
  caseId: string;
  member: { memberId: string; fullName: string };
  ground: string;
  cellOrgId: string;
  grassrootsOrgId: string;
  /** The directly superior committee of the grassroots organisation (admission authority). */
  competentOrgId: string;
  orgCodes: string[];
  thresholds: {
    listingVote: Threshold;
    assessmentVote: Threshold;
    delegatedDecision: Threshold;
    standingDecision: Threshold;
  };
  /** Length of the help period (giáo dục, giúp đỡ) in months. */
  helpPeriodMonths: number;
  appealWindow: Record<RemovalFormKey, Duration>;
  startedBy: Actor;
};

export type ScreeningOutcome = 'dismissed' | 'improved' | 'removed' | 'kept' | 'cancelled';
export type ScreeningResult = {
  status: ScreeningOutcome;
  endStep: string;
  reason: string;
  removalForm?: RemovalFormKey;
};

export type ScreeningState = {
  status: 'in_progress' | ScreeningOutcome;
  currentStep: string;
  helpEndsAt?: string;
  notedMonths: string[];
  removalForm?: RemovalFormKey;
  appealClosesAt?: string;
  appealFiledOn?: string;
};
export const screeningStateQuery = defineQuery<ScreeningState>('screeningState');

/** A monthly progress note of the help period (recorded by the cell after its meeting). */
export type AddProgressNoteInput = { month: string; note: string; actor: Actor };
export type AddProgressNoteResult = { noteId: string; month: string };
export const addProgressNoteUpdate = defineUpdate<AddProgressNoteResult, [AddProgressNoteInput]>('addProgressNote');
export const progressNoteSchema = z
  .object({
    month: yearMonthSchema,
    note: z.string().trim().min(1, 'note không được để trống').max(4000, 'tối đa 4000 ký tự'),
  })
  .strict();

/** An appeal against the removal decision, accepted only while the appeal window is open. */
export type FileAppealInput = { filedOn: string; grounds: string; actor: Actor };
export type FileAppealResult = { taskKey: string; acceptedAt: string };
export const fileAppealUpdate = defineUpdate<FileAppealResult, [FileAppealInput]>('fileAppeal');
export const appealSchema = z
  .object({
    filedOn: localDate,
    grounds: z.string().trim().min(1, 'grounds không được để trống').max(8000, 'tối đa 8000 ký tự'),
  })
  .strict();

/** Error types of the two updates, for the API's error mapping. */
export const SCREENING_ERRORS = {
  notAccepting: 'ScreeningUpdateNotAccepted',
  invalid: 'InvalidScreeningInput',
} as const;
export type ScreeningErrorCode = (typeof SCREENING_ERRORS)[keyof typeof SCREENING_ERRORS];

const nonEmpty = (field: string) => z.string().trim().min(1, `${field} không được để trống`);
const count = z.number().int().min(0);
const roster = z.object({ official: count, exempt: count }).strict();
const votes = z.object({ yes: count, no: count }).strict();
const secretBallot = z.literal(true, { errorMap: () => ({ message: 'chi bộ biểu quyết bằng phiếu kín [R1]' }) });
export const removalFormSchema = z.enum(['strike_off', 'expel', 'release']);

/**
 * Per step: the outcomes a task may close with and the shape of its data (see ADMISSION_TASKS).
 * Vote outcomes are also checked against the counts in the workflow (`voteChecked`).
 */
export const SCREENING_TASKS = {
  screening_review: {
    outcomes: ['propose_listing', 'dismissed'],
    data: z
      .object({
        opinions: z.array(
          z
            .object({
              source: z.enum(['residence_front', 'workplace', 'mass_organisation']),
              givenBy: nonEmpty('givenBy'),
              summary: nonEmpty('summary'),
            })
            .strict(),
        ),
        summary: nonEmpty('summary'),
      })
      .strict(),
  },
  screening_superior_direction: {
    outcomes: ['proceed', 'dismissed'],
    data: z.object({ directionRef: nonEmpty('directionRef'), summary: nonEmpty('summary') }).strict(),
  },
  screening_listing_vote: {
    outcomes: ['listed', 'not_listed'],
    data: z.object({ roster, votes, minutesRef: nonEmpty('minutesRef'), secretBallot }).strict(),
  },
  screening_assign_helper: {
    outcomes: ['assigned'],
    data: z
      .object({
        helperMemberId: z.string().uuid(),
        selfReviewRef: nonEmpty('selfReviewRef'),
        commitmentRef: nonEmpty('commitmentRef'),
      })
      .strict(),
  },
  screening_assessment_vote: {
    // votes.yes counts the votes for "không tiến bộ, đề nghị đưa ra khỏi Đảng"; without 2/3 the member stays.
    outcomes: ['improved', 'not_improved'],
    data: z
      .object({
        roster,
        votes,
        minutesRef: nonEmpty('minutesRef'),
        secretBallot,
        proposedForm: removalFormSchema.optional(),
      })
      .strict(),
  },
  screening_removal_decision: {
    outcomes: ['decided', 'declined'],
    data: z
      .object({
        roster,
        votes,
        resolutionRef: nonEmpty('resolutionRef'),
        decisionNumber: nonEmpty('decisionNumber'),
        decidedOn: localDate,
      })
      .strict(),
  },
  screening_appeal_review: {
    outcomes: ['upheld', 'rejected'],
    data: z.object({ answerRef: nonEmpty('answerRef'), summary: nonEmpty('summary') }).strict(),
  },
} as const satisfies Record<string, { outcomes: readonly string[]; data: z.ZodTypeAny }>;

export type ScreeningTaskStep = keyof typeof SCREENING_TASKS;
/** Vote steps whose roster the API fills from the records (cell members, or the deciding committee). */
export const SCREENING_ROSTER_FROM_RECORDS: Partial<Record<ScreeningTaskStep, 'cell' | 'committee'>> = {
  screening_listing_vote: 'cell',
  screening_assessment_vote: 'cell',
  screening_removal_decision: 'committee',
};

export type DelegablePower = 'admission' | 'expulsion';
export type AuthorityHolderView = {
  orgId: string;
  role: 'standing_committee_member' | 'grassroots_committee_member';
  delegated: boolean;
  grantId: string | null;
};

export type RegisterScreeningCaseInput = ScreeningIntakeInput & { caseId: string; at: string };
export type RegisteredScreeningCase = {
  caseId: string;
  created: boolean;
  member: { memberId: string; fullName: string };
  cellOrgId: string;
  grassrootsOrgId: string;
  competentOrgId: string;
  orgCodes: string[];
};

export type ScreeningActivities = {
  registerScreeningCase(input: RegisterScreeningCaseInput): Promise<RegisteredScreeningCase>;
  /**
   * The same for many findings in one transaction (a detection page): one multi-row insert,
   * deduplicated by the open-case index; results in input order.
   */
  registerScreeningCases(input: { cases: RegisterScreeningCaseInput[] }): Promise<RegisteredScreeningCase[]>;
  resolveAuthority(input: {
    power: DelegablePower;
    grassrootsOrgId: string;
    competentOrgId: string;
    at: string;
  }): Promise<AuthorityHolderView>;
  /** The organisation directly above `orgId`, whose standing committee answers an appeal. */
  parentOrganisation(input: { orgId: string }): Promise<{ orgId: string }>;
  recordScreeningStep(input: { caseId: string; step: string; at: string }): Promise<void>;
  recordHelpPlan(input: { caseId: string; helperMemberId: string; helpEndsAt: string; at: string }): Promise<void>;
  remindHelpPeriod(input: {
    caseId: string;
    month: number;
    helperMemberId: string;
    cellOrgId: string;
    at: string;
  }): Promise<void>;
  recordProgressNote(input: {
    caseId: string;
    noteId: string;
    month: string;
    note: string;
    actor: Actor;
    at: string;
  }): Promise<void>;
  /** The end of the appeal window: decidedOn + window, in working days with the holiday calendar or in months. */
  appealWindowClosesAt(input: { decidedOn: string; window: Duration }): Promise<string>;
  recordRemovalDecision(input: {
    caseId: string;
    form: RemovalFormKey;
    decisionNumber: string;
    decidedOn: string;
    authority: AuthorityHolderView;
    appealClosesAt: string;
    at: string;
  }): Promise<{ previousStatus: MemberStatus }>;
  recordAppealFiled(input: {
    caseId: string;
    filedOn: string;
    grounds: string;
    actor: Actor;
    at: string;
  }): Promise<void>;
  /** Final effect on the member: 'remove' when the decision is final, 'restore' when an appeal annuls an expulsion. */
  applyMemberStatus(input: {
    caseId: string;
    effect: 'remove' | 'restore';
    previousStatus: MemberStatus;
    at: string;
  }): Promise<void>;
  endScreeningCase(input: { caseId: string; result: ScreeningResult; at: string }): Promise<void>;
};
