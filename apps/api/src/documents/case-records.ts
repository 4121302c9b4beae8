import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { labelVi, toLocalDate, voteStepRule, type VoteCount, type VoteRoster } from '@partyflow/domain';
import type { DecidingBody, OrganisationRecord, PersonRecord, VoteRecord } from '@partyflow/documents';
import { HumanTaskEntity, MemberEntity, OrganisationEntity } from '@partyflow/persistence';

/** Of completions in time order, the last of each task key ('…#n' repeats and refreshes folded), in first order. */
export function latestPerTask<T extends Pick<HumanTaskEntity, 'taskKey'>>(tasks: readonly T[]): T[] {
  const byKey = new Map<string, T>();
  for (const t of tasks) byKey.set(t.taskKey.split('#')[0], t);
  return [...byKey.values()];
}

/**
 * What the documents read from a case's records: its completed task rows (the step data each completion
 * recorded, who completed it and when), the organisations and the members. Nothing is typed again.
 */
export class CaseRecords {
  private constructor(
    private readonly dataSource: DataSource,
    readonly tasks: HumanTaskEntity[],
  ) {}

  static async load(dataSource: DataSource, caseId: string): Promise<CaseRecords> {
    const tasks = await dataSource
      .getRepository(HumanTaskEntity)
      .find({ where: { caseId, status: 'completed' }, order: { completedAt: 'ASC' } });
    return new CaseRecords(dataSource, tasks);
  }

  /** The latest completion of `step` (a repeated vote: its last attempt), or undefined before it happened. */
  latest(step: string): HumanTaskEntity | undefined {
    return this.tasks.filter((t) => t.step === step).at(-1);
  }

  all(step: string): HumanTaskEntity[] {
    return this.tasks.filter((t) => t.step === step);
  }

  /**
   * The latest completion of each task of `step` (one per task key, in the order first given): an opinion refreshed
   * because it went stale before a vote (issue 14 §4, task key '…#refreshN') stands in place of the one it replaces.
   */
  latestEach(step: string): HumanTaskEntity[] {
    return latestPerTask(this.all(step));
  }

  /** An organisation and the name of the one directly above it, as the header names them. */
  async organisation(id: string): Promise<OrganisationRecord> {
    const orgs = this.dataSource.getRepository(OrganisationEntity);
    const org = await orgs.findOneByOrFail({ id });
    const parent = org.parentId ? await orgs.findOneBy({ id: org.parentId }) : null;
    return { name: org.name, superior: parent?.name ?? null };
  }

  /** The committee that completed a decision task: its standing committee, or the whole (delegated) committee. */
  async decider(task: HumanTaskEntity): Promise<DecidingBody> {
    const org = await this.organisation(task.assigneeOrgId);
    return {
      ...org,
      body: task.assigneeRole === 'standing_committee_member' ? 'standing_committee' : 'whole_committee',
    };
  }

  async person(memberId: string): Promise<PersonRecord> {
    const m = await this.dataSource.getRepository(MemberEntity).findOneByOrFail({ id: memberId });
    return { fullName: m.fullName, birthDate: m.birthDate };
  }

  async names(memberIds: string[]): Promise<string[]> {
    if (!memberIds.length) return [];
    const rows = await this.dataSource.getRepository(MemberEntity).findBy({ id: In(memberIds) });
    const byId = new Map(rows.map((m) => [m.id, m.fullName]));
    return memberIds.map((id) => byId.get(id) ?? id);
  }
}

/** The local date a task was completed on (Asia/Ho_Chi_Minh), never the UTC date. */
export const completedOn = (task: HumanTaskEntity): string => toLocalDate((task.completedAt as Date).toISOString());

/**
 * A vote as its task recorded it: the roster the API filled from the records, the counts, the reference, the day
 * and who recorded it, and the rule the step is counted with (`voteStepRule`, as the task form shows it).
 */
export function voteOf(task: HumanTaskEntity, refKey: 'minutesRef' | 'resolutionRef'): VoteRecord {
  const data = task.data as { roster: VoteRoster; votes: VoteCount } & Record<string, unknown>;
  const rule = voteStepRule(task.step, { delegated: task.assigneeRole === 'grassroots_committee_member' });
  if (!rule) throw new Error(`${task.step} is not a vote step`);
  const ref = data[refKey];
  return {
    on: completedOn(task),
    ref: typeof ref === 'string' ? ref : null,
    roster: data.roster,
    votes: data.votes,
    rule: { threshold: rule.threshold, excludeExempt: rule.excludeExempt },
    recordedBy: task.completedByName,
  };
}

/** Why a document is not there yet: its step has not been completed, or was completed with another outcome. */
export function notYet(step: string, task: HumanTaskEntity | undefined): string {
  if (!task) return `bước '${labelVi(step)}' chưa hoàn thành`;
  return `bước '${labelVi(step)}' đã kết thúc với kết quả '${labelVi(task.outcome ?? '')}'`;
}
