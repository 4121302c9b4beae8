import { condition, proxyActivities, setHandler, sleep, uuid4 } from '@temporalio/workflow';
import {
  addMonths,
  appealFiledDateProblem,
  labelVi,
  removalDecisionDateProblem,
  SCREENING_PROCESS,
  todayLocal,
  toLocalDate,
  VOTE_STEP_OUTCOMES,
  yearMonthOf,
  type FieldProblem,
  type MemberStatus,
  type RemovalFormKey,
} from '@partyflow/domain';
import {
  addProgressNoteUpdate,
  appealSchema,
  fileAppealUpdate,
  progressNoteSchema,
  SCREENING_ERRORS,
  SCREENING_TASKS,
  screeningStateQuery,
  type CompleteTaskInput,
  type FileAppealInput,
  type ScreeningActivities,
  type ScreeningInput,
  type ScreeningResult,
  type ScreeningState,
} from '@partyflow/contracts';
import type { ZodTypeAny } from 'zod';
import type { TaskDefinition } from '../human-task/human-task';
import { DATABASE_ACTIVITY } from '../shared/activity-options';
import { dateChecked } from '../shared/date-check';
import { refuse } from '../shared/refusal';
import { untilCancelled } from '../shared/incident';
import { startCase } from '../shared/start-case';
import { startOfLocalDayMs } from '../shared/time';
import { followCasePlace } from '../shared/case-place';
import { voteChecked } from '../shared/vote-check';

// The case guards these with incidents; update handlers call them unguarded, so a failure answers the caller.
const unguarded = proxyActivities<ScreeningActivities>(DATABASE_ACTIVITY);

const firstIssue = (schema: ZodTypeAny, value: unknown): FieldProblem | undefined => {
  const parsed = schema.safeParse(value);
  return parsed.success
    ? undefined
    : { field: parsed.error.issues[0].path.join('.') || 'body', message: parsed.error.issues[0].message };
};
const withCheck = (
  definition: TaskDefinition,
  check: (input: CompleteTaskInput) => FieldProblem | undefined,
): TaskDefinition => ({ ...definition, check });

/**
 * Screening of a member who may no longer qualify (HD 02-HD/BTCTƯ, DOMAIN.md §2), one workflow per
 * case: 1. review, superior direction and the cell's secret ballot; 2. education and help for a
 * durable help period with monthly reminders and progress notes; 3. the cell's assessment;
 * 4. removal decided by the competent body, an appeal window, and the final effect on the member.
 */
export async function screeningWorkflow(input: ScreeningInput): Promise<ScreeningResult> {
  return untilCancelled(
    () => screeningCase(input),
    (reason, endStep) => ({ status: 'cancelled', endStep, reason }),
  );
}

async function screeningCase(input: ScreeningInput): Promise<ScreeningResult> {
  const { caseId, cellOrgId, thresholds } = input;
  // Issue 9 §1: the deciding organisations follow a move of the case's organisation (read at each step).
  const place = followCasePlace(input);
  const name = input.member.fullName;
  const state: ScreeningState = { status: 'in_progress', currentStep: 'screening_review', notedMonths: [] };
  const helpMonths: { first?: string; last?: string } = {};
  let appealClosesAt = 0;
  const removal: { decidedOn?: string } = {};
  let appeal: FileAppealInput | undefined;
  const { tasks, acts, nowIso, enterStep, finish } = startCase({
    process: SCREENING_PROCESS,
    caseId,
    orgId: cellOrgId,
    orgCodes: input.orgCodes,
    state,
    stateQuery: screeningStateQuery,
    activities: unguarded,
    steps: { record: 'recordScreeningStep', end: 'endScreeningCase' },
    // A step that fails for good opens an incident; the step record and the monthly reminder may be skipped.
    currentStep: () => state.currentStep,
    skippable: { recordScreeningStep: () => undefined, remindHelpPeriod: () => undefined },
    cancel: async (reason) => {
      state.status = 'cancelled';
      await unguarded.endScreeningCase({
        caseId,
        result: {
          status: 'cancelled',
          endStep: state.currentStep,
          reason,
          ...(state.removalForm ? { removalForm: state.removalForm } : {}),
        },
        at: new Date().toISOString(),
      });
    },
  });

  // Progress notes are taken only while the help period runs, one per month of the period.
  setHandler(
    addProgressNoteUpdate,
    async (note) => {
      const noteId = uuid4();
      state.notedMonths.push(note.month);
      await unguarded.recordProgressNote({
        caseId,
        noteId,
        month: note.month,
        note: note.note.trim(),
        actor: note.actor,
        at: nowIso(),
      });
      return { noteId, month: note.month };
    },
    {
      validator: (note) => {
        if (state.currentStep !== 'screening_help_period' || !helpMonths.first) {
          refuse(SCREENING_ERRORS.notAccepting, 'Chỉ ghi nhận tiến bộ trong thời gian giáo dục, giúp đỡ.');
        }
        const problem = firstIssue(progressNoteSchema, { month: note?.month, note: note?.note });
        if (problem) refuse(SCREENING_ERRORS.invalid, problem.message, problem.field);
        if (!note.actor?.name) refuse(SCREENING_ERRORS.invalid, 'không được để trống', 'actor');
        const { first, last } = helpMonths as { first: string; last: string };
        if (note.month < first || note.month > last)
          refuse(SCREENING_ERRORS.invalid, `phải trong thời gian giúp đỡ (${first} đến ${last}).`, 'month');
        if (state.notedMonths.includes(note.month))
          refuse(SCREENING_ERRORS.invalid, `tháng ${note.month} đã có ghi nhận.`, 'month');
      },
    },
  );

  // An appeal is accepted only while the appeal window is open, and only once.
  setHandler(
    fileAppealUpdate,
    async (filed) => {
      appeal = filed;
      state.appealFiledOn = filed.filedOn;
      const acceptedAt = nowIso();
      await unguarded.recordAppealFiled({
        caseId,
        filedOn: filed.filedOn,
        grounds: filed.grounds.trim(),
        actor: filed.actor,
        at: acceptedAt,
      });
      return { taskKey: 'screening_appeal_review', acceptedAt };
    },
    {
      validator: (filed) => {
        if (state.currentStep !== 'screening_appeal_window' || appeal || Date.now() > appealClosesAt) {
          refuse(
            SCREENING_ERRORS.notAccepting,
            'Không nhận khiếu nại: thời hạn khiếu nại đã hết hoặc chưa có quyết định [R24][R26].',
          );
        }
        const problem = firstIssue(appealSchema, { filedOn: filed?.filedOn, grounds: filed?.grounds });
        if (problem) refuse(SCREENING_ERRORS.invalid, problem.message, problem.field);
        if (!filed.actor?.name) refuse(SCREENING_ERRORS.invalid, 'không được để trống', 'actor');
        if (filed.filedOn > toLocalDate(appealClosesAt))
          refuse(SCREENING_ERRORS.invalid, `sau hạn khiếu nại (${toLocalDate(appealClosesAt)}).`, 'filedOn');
        // Not before the decision appealed, nor after today (issue 11 §3).
        const outOfOrder =
          removal.decidedOn &&
          appealFiledDateProblem({
            filedOn: filed.filedOn,
            decidedOn: removal.decidedOn,
            today: todayLocal(Date.now()),
          });
        if (outOfOrder) refuse(SCREENING_ERRORS.invalid, outOfOrder.message, outOfOrder.field);
      },
    },
  );

  const because = (step: string, comment: string | undefined, fallback: string) =>
    `${labelVi(step)}: ${comment?.trim() || fallback}`;
  const cell = { kind: 'role', orgId: cellOrgId, role: 'cell_secretary' } as const;

  // 1a. The cell committee reviews the member and gathers opinions (Front committee / workplace) [R1].
  await enterStep('screening_review');
  const review = await tasks.run({
    step: 'screening_review',
    title: `Rà soát đảng viên ${name} (${labelVi(input.ground)})`,
    assignee: cell,
    definition: withCheck(SCREENING_TASKS.screening_review, (c) =>
      c.outcome === 'propose_listing' && !(c.data as { opinions: unknown[] }).opinions.length
        ? { field: 'data.opinions', message: 'cần ít nhất một ý kiến (Ban công tác Mặt trận hoặc nơi làm việc) [R1]' }
        : undefined,
    ),
  });
  if (review.outcome === 'dismissed') {
    return finish({
      status: 'dismissed',
      endStep: 'screening_review',
      reason: because('screening_review', review.comment, (review.data as { summary: string }).summary),
    });
  }

  // 1b. The list goes to the directly superior committee for direction [R1].
  await enterStep('screening_superior_direction');
  const direction = await tasks.run({
    step: 'screening_superior_direction',
    title: `Cho ý kiến chỉ đạo về danh sách rà soát: ${name}`,
    assignee: { kind: 'role', orgId: place.grassrootsOrgId, role: 'grassroots_committee_member' },
    definition: SCREENING_TASKS.screening_superior_direction,
  });
  if (direction.outcome === 'dismissed') {
    return finish({
      status: 'dismissed',
      endStep: 'screening_superior_direction',
      reason: because(
        'screening_superior_direction',
        direction.comment,
        (direction.data as { summary: string }).summary,
      ),
    });
  }

  // 1c. Secret ballot per member: ≥2/3 of official members, exempt members not counted [R1].
  await enterStep('screening_listing_vote');
  const listing = await tasks.run({
    step: 'screening_listing_vote',
    title: `Chi bộ bỏ phiếu kín đưa vào danh sách giáo dục, giúp đỡ: ${name}`,
    assignee: cell,
    definition: voteChecked(
      SCREENING_TASKS.screening_listing_vote,
      thresholds.listingVote,
      VOTE_STEP_OUTCOMES.screening_listing_vote,
    ),
  });
  if (listing.outcome !== 'listed') {
    return finish({
      status: 'dismissed',
      endStep: 'screening_listing_vote',
      reason: because('screening_listing_vote', listing.comment, 'không đủ 2/3 đảng viên chính thức tán thành'),
    });
  }

  // 2. Education and help: a helper, the member's self-review and commitment, then a durable help period.
  await enterStep('screening_assign_helper');
  const helper = await tasks.run({
    step: 'screening_assign_helper',
    title: `Phân công đảng viên giúp đỡ: ${name}`,
    assignee: cell,
    definition: SCREENING_TASKS.screening_assign_helper,
  });
  const helperMemberId = (helper.data as { helperMemberId: string }).helperMemberId;
  const helpStartedOn = todayLocal(Date.now());
  const helpEndsOn = addMonths(helpStartedOn, input.helpPeriodMonths);
  state.helpEndsAt = new Date(startOfLocalDayMs(helpEndsOn)).toISOString();
  Object.assign(helpMonths, { first: yearMonthOf(helpStartedOn), last: yearMonthOf(addMonths(helpEndsOn, -1)) });
  await acts.recordHelpPlan({ caseId, helperMemberId, helpEndsAt: state.helpEndsAt, at: nowIso() });
  await enterStep('screening_help_period');
  for (let month = 1; month <= input.helpPeriodMonths; month++) {
    const due = startOfLocalDayMs(addMonths(helpStartedOn, month));
    if (due > Date.now()) await sleep(due - Date.now());
    if (month < input.helpPeriodMonths)
      await acts.remindHelpPeriod({ caseId, month, helperMemberId, cellOrgId, at: nowIso() });
  }

  // 3. The cell assesses progress by secret ballot; ≥2/3 "not improved" proposes a removal form [A][R25].
  await enterStep('screening_assessment_vote');
  const assessment = await tasks.run({
    step: 'screening_assessment_vote',
    title: `Chi bộ đánh giá mức độ tiến bộ sau thời gian giúp đỡ: ${name}`,
    assignee: cell,
    anchorAt: state.helpEndsAt,
    definition: voteChecked(
      withCheck(SCREENING_TASKS.screening_assessment_vote, (c) => {
        const proposed = (c.data as { proposedForm?: RemovalFormKey }).proposedForm;
        if (c.outcome === 'not_improved' && !proposed)
          return { field: 'data.proposedForm', message: 'cần nêu hình thức đề nghị (strike_off, expel, release)' };
        if (c.outcome === 'improved' && proposed)
          return { field: 'data.proposedForm', message: 'chỉ nêu khi đánh giá không tiến bộ' };
        return undefined;
      }),
      thresholds.assessmentVote,
      VOTE_STEP_OUTCOMES.screening_assessment_vote,
    ),
  });
  if (assessment.outcome === 'improved') {
    return finish({
      status: 'improved',
      endStep: 'screening_assessment_vote',
      reason: because('screening_assessment_vote', assessment.comment, 'đảng viên đã tiến bộ'),
    });
  }
  const form = (assessment.data as { proposedForm: RemovalFormKey }).proposedForm;
  state.removalForm = form;

  // 4. The competent body decides; expulsion is never the cell's, only the superior or a delegated
  // committee [R27][seed:000].
  await enterStep('screening_removal_decision');
  const authority = await acts.resolveAuthority({
    power: form === 'expel' ? 'expulsion' : 'admission',
    grassrootsOrgId: place.grassrootsOrgId,
    competentOrgId: place.competentOrgId,
    at: nowIso(),
  });
  // The decision is dated after the cell's proposal and not after today (issue 11 §3).
  const proposedOn = toLocalDate(assessment.completedAt);
  const decision = await tasks.run({
    step: 'screening_removal_decision',
    title: `${labelVi(form)}: ${name}`,
    assignee: { kind: 'role', orgId: authority.orgId, role: authority.role },
    definition: voteChecked(
      dateChecked(SCREENING_TASKS.screening_removal_decision, (data, today) =>
        removalDecisionDateProblem({ decidedOn: data.decidedOn as string, proposedOn, today }),
      ),
      authority.delegated ? thresholds.delegatedDecision : thresholds.standingDecision,
      VOTE_STEP_OUTCOMES.screening_removal_decision,
    ),
  });
  if (decision.outcome !== 'decided') {
    return finish({
      status: 'kept',
      endStep: 'screening_removal_decision',
      reason: because('screening_removal_decision', decision.comment, 'không quyết định đưa ra khỏi Đảng'),
      removalForm: form,
    });
  }
  const { decisionNumber, decidedOn } = decision.data as { decisionNumber: string; decidedOn: string };
  removal.decidedOn = decidedOn;
  const closesAt = await acts.appealWindowClosesAt({ decidedOn, window: input.appealWindow[form] });
  // Expulsion takes effect at once and applies while an appeal is pending [R26]; the others when final.
  const { previousStatus } = await acts.recordRemovalDecision({
    caseId,
    form,
    decisionNumber,
    decidedOn,
    authority,
    appealClosesAt: closesAt,
    at: nowIso(),
  });

  // The appeal window is a durable timer; an appeal opens its own task with its own answer deadline.
  appealClosesAt = Date.parse(closesAt);
  state.appealClosesAt = closesAt;
  await enterStep('screening_appeal_window');
  await condition(() => appeal !== undefined, Math.max(0, appealClosesAt - Date.now()));
  if (!appeal) {
    state.currentStep = 'screening_removal_decision';
    return removed(previousStatus, `${labelVi(form)} (quyết định ${decisionNumber}); hết thời hạn khiếu nại`);
  }
  await enterStep('screening_appeal_review');
  const body = await acts.parentOrganisation({ orgId: authority.orgId });
  const review2 = await tasks.run({
    step: 'screening_appeal_review',
    title: `Giải quyết khiếu nại về quyết định ${decisionNumber}: ${name}`,
    assignee: { kind: 'role', orgId: body.orgId, role: 'standing_committee_member' },
    definition: SCREENING_TASKS.screening_appeal_review,
  });
  if (review2.outcome === 'upheld') {
    if (form === 'expel') await acts.applyMemberStatus({ caseId, effect: 'restore', previousStatus, at: nowIso() });
    return finish({
      status: 'kept',
      endStep: 'screening_appeal_review',
      reason: because(
        'screening_appeal_review',
        review2.comment,
        `khiếu nại được chấp nhận; hủy quyết định ${decisionNumber}`,
      ),
      removalForm: form,
    });
  }
  return removed(previousStatus, `${labelVi(form)} (quyết định ${decisionNumber}); khiếu nại không được chấp nhận`);

  async function removed(previous: MemberStatus, reason: string): Promise<ScreeningResult> {
    await acts.applyMemberStatus({ caseId, effect: 'remove', previousStatus: previous, at: nowIso() });
    return finish({ status: 'removed', endStep: state.currentStep, reason, removalForm: form });
  }
}
