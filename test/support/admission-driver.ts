import type { DemoUser } from '@partyflow/persistence';
import { demoOrgId } from '@partyflow/persistence';
import { toLocalDate } from '@partyflow/domain';
import { ApiSession } from './system';

type TaskRow = { id: string; taskKey: string; step: string; caseId: string; status: string; assignee: { orgId: string; role: string | null }; roster?: { official: number; exempt: number } };
type CaseView = { id: string; status: string; currentStep: string | null; steps: { taskId: string; taskKey: string; step: string; status: string; assignee: { orgId: string; role: string | null } }[] };

/**
 * Drives admission cases over HTTP as the committee members would: for every open step, the
 * demo user holding the assignee role logs in, finds the task in the inbox and completes it.
 */
export class AdmissionDriver {
  private sessions = new Map<string, ApiSession>();
  constructor(private readonly baseUrl: string, private readonly users: DemoUser[]) {}

  async as(username: string): Promise<ApiSession> {
    let s = this.sessions.get(username);
    if (!s) {
      s = await ApiSession.login(this.baseUrl, username);
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
  async waitForOpenTask(caseId: string, taskKey: string, viewer: string, timeoutMs = 30_000): Promise<{ task: TaskRow; username: string }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const view = await this.caseView(caseId, viewer);
      const step = view.steps.find((s) => s.taskKey === taskKey && (s.status === 'open' || s.status === 'overdue'));
      if (step) {
        const username = this.userFor(step.assignee.orgId, step.assignee.role as string);
        const session = await this.as(username);
        const inbox = await session.get<TaskRow[]>(`/tasks/mine?process=admission`);
        const listed = inbox.body.find((t) => t.id === step.taskId);
        if (listed) {
          const detail = await session.get<TaskRow>(`/tasks/${step.taskId}`);
          return { task: detail.body, username };
        }
      }
      if (Date.now() > deadline) throw new Error(`Task ${taskKey} of ${caseId} did not reach the inbox in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Step data a diligent committee member would submit for an approving outcome. */
  async approvingData(task: TaskRow, username: string, cellOrgId: string): Promise<{ outcome: string; data: Record<string, unknown> }> {
    const today = toLocalDate(Date.now());
    switch (task.step) {
      case 'introducers': {
        const members = await (await this.as(username)).get<{ id: string }[]>(`/members?orgId=${cellOrgId}&status=official`);
        const [a, b] = members.body;
        return { outcome: 'submitted', data: { introducers: [{ memberId: a.id, monthsAlongside: 24 }, { memberId: b.id, monthsAlongside: 18 }] } };
      }
      case 'background_check':
        return { outcome: 'cleared', data: { verifiedPersons: [{ relation: 'cha', fullName: 'Nguyễn Văn Thành', conclusion: 'Chấp hành tốt chủ trương, chính sách' }], conclusion: 'Lý lịch rõ ràng, đủ điều kiện' } };
      case 'special_verification':
        return { outcome: 'cleared', data: { reference: 'Công văn xác minh số 12', conclusion: 'Đủ điều kiện theo QĐ 123-QĐ/TW' } };
      case 'opinion_residence':
      case 'opinion_mass_org':
        return { outcome: 'favourable', data: { givenBy: 'Bí thư chi bộ nơi cư trú', summary: 'Gương mẫu, được quần chúng tín nhiệm' } };
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
      default:
        throw new Error(`No approving data for step ${task.step}`);
    }
  }
}
