import { patched, proxyActivities, proxyLocalActivities, sleep } from '@temporalio/workflow';
import {
  addMonths,
  admissionDecisionDateProblem,
  ceremonyDateProblem,
  DEFAULT_EVIDENCE_VALIDITY,
  EVIDENCE_LABELS,
  labelVi,
  newMemberCourseDateProblem,
  renewedCertificateDateProblem,
  shouldEscalateRecognition,
  toLocalDate,
  VOTE_STEP_OUTCOMES,
  type EvidenceKind,
  type StaleEvidence,
} from '@partyflow/domain';
import {
  ADMISSION_PROCESS,
  ADMISSION_TASKS,
  admissionStateQuery,
  type AdmissionActivities,
  type AdmissionInput,
  type AdmissionResult,
  type AdmissionState,
  type EligibilityOutcome,
} from '@partyflow/contracts';
import { followCasePlace } from '../shared/case-place';
import { voteChecked } from '../shared/vote-check';
import { DATABASE_ACTIVITY, LOCAL_DATABASE_ACTIVITY } from '../shared/activity-options';
import { dateChecked } from '../shared/date-check';
import { untilCancelled } from '../shared/incident';
import { startCase } from '../shared/start-case';
import { startOfLocalDayMs } from '../shared/time';
import type { TaskCompletion, TaskSpec } from '../human-task/human-task';

// Case bookkeeping and rule checks read or write PostgreSQL; the case guards them with incidents.
const scheduled = proxyActivities<AdmissionActivities>(DATABASE_ACTIVITY);
// Issue 13 §5: the same short reads and writes as local activities, between one task and the next.
const local = proxyLocalActivities<AdmissionActivities>(LOCAL_DATABASE_ACTIVITY);

/** The case; an incident's 'cancel' ends it as cancelled (issue 7 §2). */
export async function admissionWorkflow(input: AdmissionInput): Promise<AdmissionResult> {
  return untilCancelled(
    () => admissionCase(input),
    (reason, endStep) => ({ status: 'cancelled', endStep, reason }),
  );
}

/**
 * Admission of a new party member (kết nạp đảng viên), one workflow per case, following
 * QĐ 24-QĐ/TW and HD 12-HD/BTCTW as summarised in DOMAIN.md §3. Every stop records its step and reason.
 */
async function admissionCase(input: AdmissionInput): Promise<AdmissionResult> {
  const { caseId, cellOrgId, thresholds } = input;
  // Cases started after issue 13 §5 run their bookkeeping and rule checks as local activities; cases started
  // before keep scheduling them through the server, as their histories say.
  const unguarded = patched('local-admission-activities') ? local : scheduled;
  // Issue 9 §1: the deciding organisations follow a move of the case's organisation (read at each step).
  const place = followCasePlace(input);
  const state: AdmissionState = { status: 'in_progress', currentStep: 'eligibility', recognitionVotes: 0 };
  const { tasks, acts, nowIso, enterStep, finish } = startCase({
    process: ADMISSION_PROCESS,
    caseId,
    orgId: cellOrgId,
    orgCodes: input.orgCodes,
    state,
    stateQuery: admissionStateQuery,
    activities: unguarded,
    steps: { record: 'recordCaseStep', end: 'endCase' },
    // A step that fails for good opens an incident; only the step record may be skipped.
    currentStep: () => state.currentStep,
    skippable: { recordCaseStep: () => undefined },
    cancel: async (reason) => {
      state.status = 'cancelled';
      await unguarded.endCase({
        caseId,
        result: { status: 'cancelled', endStep: state.currentStep, reason },
        at: new Date().toISOString(),
      });
    },
  });
  const reject = (endStep: string, reason: string) => finish({ status: 'rejected', endStep, reason });
  const refusal = (step: string, comment?: string) => `${labelVi(step)}: ${comment?.trim() || 'không đạt'}`;
  const cell = { kind: 'role', orgId: cellOrgId, role: 'cell_secretary' } as const;

  // Issue 14 §4: the evidence the votes rely on, each dated by its task's completion (the course certificate is read
  // from the candidate's record by assessEvidence); a refresh task replaces a stale piece.
  const validity = input.evidenceValidity ?? DEFAULT_EVIDENCE_VALIDITY;
  const evidence = new Map<string, { kind: EvidenceKind; label: string; datedOn: string; spec: TaskSpec }>();
  const keep = (kind: EvidenceKind, label: string, spec: TaskSpec, done: TaskCompletion) =>
    evidence.set(spec.taskKey ?? spec.step, { kind, label, datedOn: toLocalDate(done.completedAt), spec });
  let refreshes = 0;

  const failedRules = (outcome: EligibilityOutcome) =>
    outcome.results
      .filter((r) => !r.passed)
      .map((r) => `${r.reason} (${r.source})`)
      .join('; ');

  // 1. Eligibility: national standards, then the committee's own criteria.
  const eligibility = await acts.checkEligibility({ caseId, onDate: toLocalDate(Date.now()) });
  if (!eligibility.eligible) return reject('eligibility', failedRules(eligibility));

  // 2. Introducers: two official members, or a Youth Union / trade union resolution and one member.
  await enterStep('introducers');
  const intro = await tasks.run({
    step: 'introducers',
    title: `Người giới thiệu: ${input.candidate.fullName}`,
    assignee: cell,
    definition: ADMISSION_TASKS.introducers,
  });
  if (intro.outcome === 'withdrawn') return reject('introducers', refusal('introducers', intro.comment ?? 'rút hồ sơ'));
  const introCheck = await acts.verifyIntroducers({
    ...(intro.data as Omit<Parameters<AdmissionActivities['verifyIntroducers']>[0], 'caseId'>),
    caseId,
  });
  if (!introCheck.passed) return reject('introducers', `${introCheck.reason} (${introCheck.source})`);

  // 3. Background verification; special cases [seed:003] get their own verification alongside.
  await enterStep('background_check');
  const grassroots = () =>
    ({ kind: 'role', orgId: place.grassrootsOrgId, role: 'grassroots_committee_member' }) as const;
  const backgroundSpec: TaskSpec = {
    step: 'background_check',
    title: `Thẩm tra lý lịch: ${input.candidate.fullName}`,
    assignee: grassroots(),
    definition: ADMISSION_TASKS.background_check,
  };
  const [background, special] = await Promise.all([
    tasks.run(backgroundSpec),
    input.specialCases.length
      ? tasks.run({
          step: 'special_verification',
          title: `Thẩm tra trường hợp đặc biệt (${input.specialCases.map(labelVi).join(', ')}): ${input.candidate.fullName}`,
          assignee: grassroots(),
          definition: ADMISSION_TASKS.special_verification,
        })
      : Promise.resolve(undefined),
  ]);
  if (background.outcome !== 'cleared')
    return reject('background_check', refusal('background_check', background.comment));
  if (special && special.outcome !== 'cleared')
    return reject('special_verification', refusal('special_verification', special.comment));
  keep('background_check', EVIDENCE_LABELS.background_check, backgroundSpec, background);

  // 4. Opinions, in parallel, each with its own deadline; the cell weighs them at its vote.
  const opinionSpecs: { kind: EvidenceKind; label: string; spec: TaskSpec }[] = [
    ...(input.residenceOrgId
      ? [
          {
            kind: 'opinion_residence' as const,
            label: EVIDENCE_LABELS.opinion_residence,
            spec: {
              step: 'opinion_residence',
              title: `Ý kiến nơi cư trú: ${input.candidate.fullName}`,
              assignee: { kind: 'role', orgId: input.residenceOrgId, role: 'cell_committee_member' },
              definition: ADMISSION_TASKS.opinion_residence,
            } satisfies TaskSpec,
          },
        ]
      : []),
    ...input.massOrganisations.map((org) => ({
      kind: 'opinion_mass_org' as const,
      label: `Ý kiến ${org.name}`,
      spec: {
        step: 'opinion_mass_org',
        taskKey: `opinion_mass_org:${org.key}`,
        title: `Ý kiến ${org.name}: ${input.candidate.fullName}`,
        assignee: { kind: 'role', orgId: cellOrgId, role: 'cell_committee_member' },
        definition: ADMISSION_TASKS.opinion_mass_org,
      } satisfies TaskSpec,
    })),
  ];
  const opinionTasks = opinionSpecs.map((o) => tasks.run(o.spec));
  if (opinionTasks.length) {
    await enterStep('opinions');
    const opinions = await Promise.all(opinionTasks);
    opinionSpecs.forEach((o, i) => keep(o.kind, o.label, o.spec, opinions[i]));
  }

  /**
   * Issue 14 §4: before a vote task opens, every piece of evidence is checked against its validity window. A stale
   * one opens a refresh task for its owner, with the reason, and the vote is held (state.evidenceHold) until every
   * refresh is done; then the evidence is checked again. A refreshed background check that does not clear ends the
   * case.
   */
  const freshEvidence = async (step: string): Promise<AdmissionResult | undefined> => {
    for (;;) {
      refreshes += 1;
      const stale = await acts.assessEvidence({
        caseId,
        step,
        round: refreshes,
        onDate: toLocalDate(Date.now()),
        items: [...evidence].map(([key, e]) => ({ key, kind: e.kind, label: e.label, datedOn: e.datedOn })),
        validity,
      });
      if (!stale.length) {
        delete state.evidenceHold;
        return undefined;
      }
      state.evidenceHold = { step, since: nowIso(), stale };
      const done = await Promise.all(stale.map((item) => refreshOne(item, step, refreshes)));
      const failed = done.find((d) => d?.step === 'background_check' && d.outcome !== 'cleared');
      if (failed) return reject('background_check', refusal('background_check', failed.comment));
    }
  };
  const refreshOne = async (item: StaleEvidence, heldStep: string, round: number) => {
    const payload = {
      evidenceRefresh: { heldStep, heldStepLabel: labelVi(heldStep), evidence: item.key, reason: item.reason },
    };
    if (item.kind === 'course_certificate') {
      const done = await tasks.run({
        step: 'course_certificate_refresh',
        taskKey: `course_certificate_refresh#${round}`,
        title: `Bổ sung giấy chứng nhận bồi dưỡng nhận thức về Đảng còn hiệu lực: ${input.candidate.fullName}`,
        assignee: cell,
        definition: dateChecked(ADMISSION_TASKS.course_certificate_refresh, (data, today) =>
          renewedCertificateDateProblem({
            certifiedOn: data.certifiedOn as string,
            today,
            validityMonths: validity.course_certificate,
          }),
        ),
        payload,
      });
      const renewed = done.data as { certifiedOn: string; certificateRef: string };
      await acts.recordCourseCertificate({ caseId, ...renewed, actor: done.actor, at: done.completedAt });
      return undefined;
    }
    const held = evidence.get(item.key);
    if (!held) return undefined;
    const spec = { ...held.spec, taskKey: `${held.spec.taskKey ?? held.spec.step}#refresh${round}` };
    const done = await tasks.run({ ...spec, title: `Cập nhật do hết giá trị: ${held.spec.title}`, payload });
    keep(held.kind, held.label, { ...held.spec, taskKey: item.key }, done);
    return { step: held.spec.step, outcome: done.outcome, comment: done.comment };
  };

  // 5. Cell vote: ≥2/3 of official members, exempt members not counted [R13][R14].
  await enterStep('cell_vote');
  // Eligibility is decided on the day the cell considers the case [R8: QĐ 24 §1.1]: age, certificate and the
  // criteria set in force that day are checked again when the vote opens (issue 9 §2); older cases skip it.
  // Issue 14 §4: stale evidence is refreshed first, so a renewed certificate is what the eligibility check reads.
  if (patched('evidence-freshness-cell-vote')) {
    const held = await freshEvidence('cell_vote');
    if (held) return held;
  }
  if (patched('eligibility-at-cell-vote')) {
    const atCellVote = await acts.checkEligibility({
      caseId,
      onDate: toLocalDate(Date.now()),
      stage: 'cell_vote',
      certificateValidityMonths: input.evidenceValidity?.course_certificate,
    });
    if (!atCellVote.eligible) return reject('cell_vote', failedRules(atCellVote));
  }
  const cellVote = await tasks.run({
    step: 'cell_vote',
    title: `Chi bộ xét đề nghị kết nạp: ${input.candidate.fullName}`,
    assignee: cell,
    definition: voteChecked(ADMISSION_TASKS.cell_vote, thresholds.cellVote, VOTE_STEP_OUTCOMES.cell_vote),
  });
  if (cellVote.outcome !== 'approved') return reject('cell_vote', refusal('cell_vote', cellVote.comment));

  // 6. Grassroots committee vote [A: 2/3 by analogy with R25].
  await enterStep('grassroots_vote');
  if (patched('evidence-freshness-grassroots-vote')) {
    const held = await freshEvidence('grassroots_vote');
    if (held) return held;
  }
  const grassrootsVote = await tasks.run({
    step: 'grassroots_vote',
    title: `Đảng ủy cơ sở xét đề nghị kết nạp: ${input.candidate.fullName}`,
    assignee: grassroots(),
    definition: voteChecked(
      ADMISSION_TASKS.grassroots_vote,
      thresholds.grassrootsVote,
      VOTE_STEP_OUTCOMES.grassroots_vote,
    ),
  });
  if (grassrootsVote.outcome !== 'approved')
    return reject('grassroots_vote', refusal('grassroots_vote', grassrootsVote.comment));

  // 7. Appraisal by the organisation department of the competent committee [seed:001][seed:003].
  await enterStep('appraisal');
  const appraisal = await tasks.run({
    step: 'appraisal',
    title: `Thẩm định hồ sơ kết nạp: ${input.candidate.fullName}`,
    assignee: { kind: 'role', orgId: place.competentOrgId, role: 'organisation_department' },
    definition: ADMISSION_TASKS.appraisal,
  });
  if (appraisal.outcome !== 'endorsed') return reject('appraisal', refusal('appraisal', appraisal.comment));

  // 8. Decision by whoever holds the authority when the step opens; the limit runs from the cell vote [R5].
  // Its date is not before the cell vote nor after today (issue 11 §3).
  await enterStep('decision');
  if (patched('evidence-freshness-decision')) {
    const held = await freshEvidence('decision');
    if (held) return held;
  }
  const authority = await acts.resolveAdmissionAuthority({ ...place, at: nowIso() });
  const cellVoteOn = toLocalDate(cellVote.completedAt);
  const decision = await tasks.run({
    step: 'decision',
    title: `Quyết định kết nạp: ${input.candidate.fullName}`,
    assignee: { kind: 'role', orgId: authority.orgId, role: authority.role },
    definition: dateChecked(ADMISSION_TASKS.decision, (data, today) =>
      admissionDecisionDateProblem({ decidedOn: data.decidedOn as string, cellVoteOn, today }),
    ),
    anchorAt: cellVote.completedAt,
  });
  if (decision.outcome !== 'admitted') return reject('decision', refusal('decision', decision.comment));
  state.decidedOn = (decision.data as { decidedOn: string }).decidedOn;
  await acts.recordMilestone({ caseId, milestone: 'decided', on: state.decidedOn, at: nowIso() });

  // 9. Ceremony within its limit of receiving the decision [R4][R6][R7]; probation starts that day.
  // Not before the decision nor after today (issue 11 §3).
  await enterStep('ceremony');
  const decidedOn = state.decidedOn;
  const ceremony = await tasks.run({
    step: 'ceremony',
    title: `Lễ kết nạp: ${input.candidate.fullName}`,
    assignee: cell,
    definition: dateChecked(ADMISSION_TASKS.ceremony, (data, today) =>
      ceremonyDateProblem({ heldOn: data.heldOn as string, decidedOn, today }),
    ),
    anchorAt: decision.completedAt,
  });
  const ceremonyOn = (ceremony.data as { heldOn: string }).heldOn;
  state.ceremonyOn = ceremonyOn;
  state.status = 'probationary';
  await acts.recordMilestone({ caseId, milestone: 'ceremony', on: ceremonyOn, at: nowIso() });

  // 10. Probation: a helper is assigned, then a durable timer runs to month 12 [R17][R18].
  await enterStep('probation');
  await tasks.run({
    step: 'assign_helper',
    title: `Phân công đảng viên giúp đỡ: ${input.candidate.fullName}`,
    assignee: cell,
    definition: ADMISSION_TASKS.assign_helper,
  });
  const officialOn = addMonths(ceremonyOn, input.probation.amount);
  state.officialOn = officialOn;
  const probationEnds = startOfLocalDayMs(officialOn);
  if (probationEnds > Date.now()) await sleep(probationEnds - Date.now());

  // 11. Recognition: the cell votes (2/3); three inconclusive votes go to the superior committee [R4][R6].
  await enterStep('recognition_cell_vote');
  const monthTwelve = new Date(probationEnds).toISOString();
  let recognisedByCell = false;
  while (!recognisedByCell) {
    state.recognitionVotes += 1;
    const attempt = state.recognitionVotes;
    const vote = await tasks.run({
      step: 'recognition_cell_vote',
      taskKey: attempt === 1 ? 'recognition_cell_vote' : `recognition_cell_vote#${attempt}`,
      title: `Chi bộ xét công nhận đảng viên chính thức (lần ${attempt}): ${input.candidate.fullName}`,
      assignee: cell,
      anchorAt: monthTwelve,
      // The new-member course certificate is dated within the probation, up to today (issue 11 §3) [R17].
      definition: voteChecked(
        dateChecked(ADMISSION_TASKS.recognition_cell_vote, (data, today) =>
          newMemberCourseDateProblem({ certifiedOn: data.newMemberCourseCertifiedOn as string, ceremonyOn, today }),
        ),
        thresholds.recognitionVote,
        VOTE_STEP_OUTCOMES.recognition_cell_vote,
      ),
    });
    if (vote.outcome === 'recognised') recognisedByCell = true;
    else if (vote.outcome === 'not_recognised') return notRecognised('recognition_cell_vote', vote.comment);
    else if (shouldEscalateRecognition({ failedVotes: attempt, maxVotes: input.maxRecognitionVotes })) {
      await enterStep('recognition_superior_decision');
      const superior = await tasks.run({
        step: 'recognition_superior_decision',
        title: `Cấp ủy cấp trên xem xét công nhận (chi bộ biểu quyết ${attempt} lần không đủ 2/3): ${input.candidate.fullName}`,
        assignee: { kind: 'role', orgId: place.competentOrgId, role: 'standing_committee_member' },
        definition: ADMISSION_TASKS.recognition_superior_decision,
      });
      if (superior.outcome !== 'recognised') return notRecognised('recognition_superior_decision', superior.comment);
      recognisedByCell = true;
    }
  }

  // 12. The competent committee decides; recognition takes effect at month 12 even when late [R4][R6].
  await enterStep('recognition_decision');
  const recognitionAuthority = await acts.resolveAdmissionAuthority({ ...place, at: nowIso() });
  const recognition = await tasks.run({
    step: 'recognition_decision',
    title: `Quyết định công nhận đảng viên chính thức: ${input.candidate.fullName}`,
    assignee: { kind: 'role', orgId: recognitionAuthority.orgId, role: recognitionAuthority.role },
    definition: ADMISSION_TASKS.recognition_decision,
  });
  if (recognition.outcome !== 'recognised') return notRecognised('recognition_decision', recognition.comment);
  await acts.recordMilestone({ caseId, milestone: 'official', on: officialOn, at: nowIso() });
  return finish({
    status: 'official',
    endStep: 'recognition_decision',
    reason: 'Được công nhận đảng viên chính thức',
    officialOn,
  });

  /** Not recognised: the cell proposes striking the name off (xóa tên) [R25]. */
  function notRecognised(endStep: string, comment?: string): Promise<AdmissionResult> {
    return finish({
      status: 'not_recognised',
      endStep,
      reason: `${refusal(endStep, comment)}; chi bộ đề nghị xóa tên khỏi danh sách đảng viên`,
    });
  }
}
