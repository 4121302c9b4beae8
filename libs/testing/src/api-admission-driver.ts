import type { DataSource } from 'typeorm';
import type { DemoUser } from '@partyflow/persistence';
import { demoOrgId, MemberEntity } from '@partyflow/persistence';
import { addMonths, toLocalDate, todayLocal } from '@partyflow/domain';
import { copyDemoCandidate } from './candidates';
import { allPages } from './cursor-page';
import { eventually } from './eventually';
import { ApiSession, type HttpRetry } from './system';

type TaskRow = {
  id: string;
  taskKey: string;
  step: string;
  caseId: string;
  status: string;
  assignee: { orgId: string; role: string | null };
  roster?: { official: number; exempt: number };
};
type CaseView = {
  id: string;
  status: string;
  currentStep: string | null;
  steps: {
    taskId: string;
    taskKey: string;
    step: string;
    status: string;
    assignee: { orgId: string; role: string | null };
  }[];
};

/**
 * Drives admission cases over HTTP as the committee members would: for every open step, the
 * demo user holding the assignee role logs in, finds the task in the inbox and completes it. With `retry`, every
 * session's calls are retried on connection errors and 5xx answers (the chaos run).
 */
export class AdmissionDriver {
  private sessions = new Map<string, Promise<ApiSession>>();
  constructor(
    private readonly baseUrl: string,
    private readonly users: DemoUser[],
    private readonly options: { retry?: HttpRetry } = {},
  ) {}

  async as(username: string): Promise<ApiSession> {
    let s = this.sessions.get(username);
    if (!s) {
      // One sign-in per user, however many cases ask for it at once; a failed one is tried again next time.
      s = ApiSession.login(this.baseUrl, username, undefined, this.options.retry);
      void s.catch(() => this.sessions.delete(username));
      this.sessions.set(username, s);
    }
    return s;
  }

  /** The first demo user who holds `role` in the organisation `orgId`. */
  userFor(orgId: string, role: string): string {
    const u = this.users.find((x) => x.roles.some((r) => demoOrgId(r.orgCode) === orgId && r.role === role));
    if (!u) throw new Error(`No demo user holds ${role} in ${orgId}`);
    return u.username;
  }

  async caseView(caseId: string, viewer: string): Promise<CaseView> {
    const res = await (await this.as(viewer)).get<CaseView>(`/admission-cases/${caseId}`);
    if (res.status !== 200) throw new Error(`GET case ${caseId}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Waits until the case has an open task with this key and returns it as its assignee sees it. */
  async waitForOpenTask(
    caseId: string,
    taskKey: string,
    viewer: string,
    timeoutMs = 30_000,
  ): Promise<{ task: TaskRow; username: string }> {
    let view: CaseView | undefined;
    return eventually(
      async () => {
        view = await this.caseView(caseId, viewer);
        const step = view.steps.find((s) => s.taskKey === taskKey && (s.status === 'open' || s.status === 'overdue'));
        if (!step) return undefined;
        const username = this.userFor(step.assignee.orgId, step.assignee.role as string);
        const session = await this.as(username);
        const inbox = await allPages<TaskRow>(session, `/tasks/mine?process=admission`);
        if (!inbox.some((t) => t.id === step.taskId)) return undefined;
        const detail = await session.get<TaskRow>(`/tasks/${step.taskId}`);
        return { task: detail.body, username };
      },
      () =>
        `Task ${taskKey} of ${caseId} reaching the inbox (case ${view?.status} at ${view?.currentStep}; steps ${view?.steps.map((x) => `${x.taskKey}:${x.status}`).join(', ') || 'none'})`,
      timeoutMs,
      25,
    );
  }

  /**
   * Starts a case as `username` for a new candidate copied from the demo candidate `like` (same
   * cell, residence, mass organisations and gradings), so each test owns its case and its candidate.
   */
  async startFreshCase(
    dataSource: DataSource,
    {
      like = 'Nguyễn Thu Trang',
      fullName,
      username = 'bithu.tdp5',
    }: { like?: string; fullName: string; username?: string },
  ): Promise<{ caseId: string; candidateId: string }> {
    const candidateId = await copyDemoCandidate(dataSource, { from: like, fullName });
    const res = await (
      await this.as(username)
    ).post<{ caseId: string }>('/admission-cases', { candidateMemberId: candidateId });
    if (res.status !== 201)
      throw new Error(`POST /admission-cases for ${fullName}: ${res.status} ${JSON.stringify(res.body)}`);
    return { caseId: res.body.caseId, candidateId };
  }

  /**
   * Completes the tasks `keys` in order, each by its assignee from the inbox with approving data; throws on any answer
   * but 200.
   */
  async completeInOrder(
    caseId: string,
    keys: readonly string[],
    cellOrgId: string,
  ): Promise<{ key: string; step: string; username: string }[]> {
    const done: { key: string; step: string; username: string }[] = [];
    for (const key of keys) {
      const { task, username } = await this.waitForOpenTask(caseId, key, 'giamsat.hoangmai');
      const { outcome, data } = await this.approvingData(task, username, cellOrgId);
      const res = await (
        await this.as(username)
      ).post(`/tasks/${task.id}/complete`, { outcome, data, comment: `Ý kiến của ${username}` });
      if (res.status !== 200)
        throw new Error(`complete ${key} of ${caseId} as ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      done.push({ key, step: task.step, username });
    }
    return done;
  }

  /**
   * Issue 14 §4: a fresh case of the cell `cellOrgId` driven through the opinions, its candidate's course certificate
   * replaced before the last opinion by one issued 61 months before today; returns once the certificate's refresh task
   * holding the cell vote is open, with that date.
   */
  async caseHeldForCertificate(
    dataSource: DataSource,
    fullName: string,
    cellOrgId: string,
  ): Promise<{ caseId: string; candidateId: string; expiredOn: string; task: TaskRow; username: string }> {
    const { caseId, candidateId } = await this.startFreshCase(dataSource, { fullName });
    await this.completeInOrder(caseId, ['introducers', 'background_check', 'opinion_residence'], cellOrgId);
    const expiredOn = addMonths(todayLocal(Date.now()), -61);
    await dataSource.getRepository(MemberEntity).update({ id: candidateId }, { courseCertificateIssuedOn: expiredOn });
    await this.completeInOrder(caseId, ['opinion_mass_org:doan_thanh_nien'], cellOrgId);
    const { task, username } = await this.waitForOpenTask(caseId, 'course_certificate_refresh#1', 'giamsat.hoangmai');
    return { caseId, candidateId, expiredOn, task, username };
  }

  /**
   * Makes an admission step fall due the moment it opens (a deadline of zero hours, changed by the root administrator
   * with `reason`), so the workflow marks its tasks overdue at once; returns the policy change's operation id.
   */
  async dueAtOnce(step: string, reason: string): Promise<string> {
    const res = await (
      await this.as('quantri')
    ).put<{ operationId: string }>(`/deadline-policies/admission/${step}`, {
      due: { amount: 0, unit: 'hours' },
      remindBefore: { amount: 0, unit: 'hours' },
      escalateEvery: { amount: 30, unit: 'calendar_days' },
      maxEscalationLevel: 2,
      reason,
    });
    if (res.status !== 202) throw new Error(`PUT the ${step} policy: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.operationId;
  }

  /**
   * Completes every open step of the case with approving data, each by its assignee from the inbox, until the
   * task `stopAt` is open; throws on any answer but 200.
   */
  async driveUntil(caseId: string, cellOrgId: string, stopAt: string, timeoutMs = 150_000): Promise<void> {
    const done = new Set<string>();
    await eventually(
      async () => {
        const view = await this.caseView(caseId, 'giamsat.hoangmai');
        const open = view.steps.filter((s) => s.status === 'open' || s.status === 'overdue');
        if (open.some((s) => s.taskKey === stopAt)) return true;
        const next = open.find((s) => !done.has(s.taskId));
        if (!next) return false;
        const { task, username } = await this.waitForOpenTask(caseId, next.taskKey, 'giamsat.hoangmai');
        const { outcome, data } = await this.approvingData(task, username, cellOrgId);
        const res = await (await this.as(username)).post(`/tasks/${task.id}/complete`, { outcome, data });
        if (res.status !== 200)
          throw new Error(
            `complete ${next.taskKey} of ${caseId} as ${username}: ${res.status} ${JSON.stringify(res.body)}`,
          );
        done.add(next.taskId);
        return false;
      },
      `case ${caseId} reaching ${stopAt}`,
      timeoutMs,
      50,
    );
  }

  /**
   * Completes the open screening task `taskKey` of a case by its assignee (found from the case as `viewer` sees it),
   * with the data `data` makes of the vote roster the API counted; throws on any answer but 200. The roster, if any.
   */
  async completeScreeningStep(
    caseId: string,
    taskKey: string,
    outcome: string,
    data: (roster: { official: number; exempt: number }) => object,
    viewer = 'bithu.tdp5',
  ): Promise<{ official: number; exempt: number } | undefined> {
    type Step = { taskId: string; taskKey: string; status: string; assignee: { orgId: string; role: string } };
    const cell = await this.as(viewer);
    const { task, session } = await eventually(async () => {
      const view = await cell.get<{ steps: Step[] }>(`/screening/cases/${caseId}`);
      const step = view.body.steps.find((x) => x.taskKey === taskKey && x.status === 'open');
      if (!step) return undefined;
      const as = await this.as(this.userFor(step.assignee.orgId, step.assignee.role));
      const detail = await as.get<TaskRow>(`/tasks/${step.taskId}`);
      return detail.status === 200 ? { task: detail.body, session: as } : undefined;
    }, `${taskKey} of ${caseId} open`);
    const res = await session.post(`/tasks/${task.id}/complete`, {
      outcome,
      data: data(task.roster ?? { official: 0, exempt: 0 }),
    });
    if (res.status !== 200) throw new Error(`${taskKey}: ${res.status} ${JSON.stringify(res.body)}`);
    return task.roster;
  }

  /** Step data a diligent committee member would submit for an approving outcome. */
  async approvingData(
    task: TaskRow,
    username: string,
    cellOrgId: string,
  ): Promise<{ outcome: string; data: Record<string, unknown> }> {
    const today = toLocalDate(Date.now());
    switch (task.step) {
      case 'introducers': {
        const members = await (
          await this.as(username)
        ).get<{ items: { id: string }[] }>(`/members?orgId=${cellOrgId}&status=official&pageSize=3`);
        const [a, b] = members.body.items;
        return {
          outcome: 'submitted',
          data: {
            introducers: [
              { memberId: a.id, monthsAlongside: 24 },
              { memberId: b.id, monthsAlongside: 18 },
            ],
          },
        };
      }
      case 'background_check':
        return {
          outcome: 'cleared',
          data: {
            verifiedPersons: [
              { relation: 'cha', fullName: 'Nguyễn Văn Thành', conclusion: 'Chấp hành tốt chủ trương, chính sách' },
            ],
            conclusion: 'Lý lịch rõ ràng, đủ điều kiện',
          },
        };
      case 'special_verification':
        return {
          outcome: 'cleared',
          data: { reference: 'Công văn xác minh số 12', conclusion: 'Đủ điều kiện theo QĐ 123-QĐ/TW' },
        };
      case 'opinion_residence':
      case 'opinion_mass_org':
        return {
          outcome: 'favourable',
          data: { givenBy: 'Bí thư chi bộ nơi cư trú', summary: 'Gương mẫu, được quần chúng tín nhiệm' },
        };
      case 'cell_vote':
      case 'grassroots_vote': {
        const roster = task.roster as { official: number; exempt: number };
        const ref = task.step === 'cell_vote' ? { minutesRef: 'BB-01' } : { resolutionRef: 'NQ-01' };
        return { outcome: 'approved', data: { votes: { yes: roster.official - roster.exempt, no: 0 }, ...ref } };
      }
      case 'appraisal':
        return { outcome: 'endorsed', data: { summary: 'Hồ sơ đầy đủ, đúng quy trình' } };
      case 'decision':
        return { outcome: 'admitted', data: { decisionNumber: '125-QĐ/QU', decidedOn: today } };
      case 'ceremony':
        return { outcome: 'held', data: { heldOn: today } };
      case 'assign_helper': {
        const members = await (
          await this.as(username)
        ).get<{ items: { id: string }[] }>(`/members?orgId=${cellOrgId}&status=official&pageSize=3`);
        const [first, , third] = members.body.items;
        return { outcome: 'assigned', data: { helperMemberId: (third ?? first).id } };
      }
      // After the probation: the new member's course certificate is dated today, within the probation [R17].
      case 'recognition_cell_vote': {
        const roster = task.roster as { official: number; exempt: number };
        return {
          outcome: 'recognised',
          data: {
            votes: { yes: roster.official - roster.exempt, no: 0 },
            minutesRef: 'BB-CN-01',
            selfReviewReceived: true,
            helperCommentReceived: true,
            newMemberCourseCertifiedOn: today,
          },
        };
      }
      case 'recognition_decision':
        return { outcome: 'recognised', data: { decisionNumber: '140-QĐ/QU' } };
      default:
        throw new Error(`No approving data for step ${task.step}`);
    }
  }
}

/** The admission steps before the ceremony, in the order the demo case reaches them (QĐ 24-QĐ/TW; DOMAIN.md §3). */
export const STEPS_TO_CEREMONY = [
  'introducers',
  'background_check',
  'opinion_residence',
  'opinion_mass_org:doan_thanh_nien',
  'cell_vote',
  'grassroots_vote',
  'appraisal',
  'decision',
] as const;
