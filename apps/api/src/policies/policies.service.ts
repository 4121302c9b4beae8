import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { z } from 'zod';
import {
  deadlinePolicyOperationId,
  EMPTY_POLICY_OPERATION_COUNTS,
  type PolicyOperationCounts,
  type PolicyOperationFailure,
} from '@partyflow/contracts';
import {
  labelVi,
  nextPolicyVersion,
  PROCESS_LABELS,
  resolvePolicyLayer,
  tighteningProblems,
  type PolicyLayer,
} from '@partyflow/domain';
import {
  DeadlinePolicyEntity,
  DeadlinePolicyOperationEntity,
  DeadlinePolicyOverrideEntity,
  OrganisationEntity,
  policyScopeCondition,
} from '@partyflow/persistence';
import { appendAudit } from '@partyflow/audit';
import { hasRoleAtOrAbove, isRootAdministrator, type AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { parseOrThrow, parseUuid } from '../common/validation';
import { TemporalCallFailed, workflowStartFailedError } from '../common/workflow-start';
import { PolicyFanOutClient } from './policy-fan-out.client';
import { insertStartingOperation, markOperationStartFailed } from './policy-operations';

const unit = z.enum(['working_days', 'calendar_days', 'months', 'hours'], {
  errorMap: () => ({ message: 'phải là working_days, calendar_days, months hoặc hours' }),
});
const duration = (min: number) =>
  z
    .object({
      amount: z
        .number({ required_error: 'bắt buộc', invalid_type_error: 'phải là số' })
        .int('phải là số nguyên')
        .min(min, `tối thiểu ${min}`)
        .max(1000, 'tối đa 1000'),
      unit,
    })
    .strict();

export const UpdatePolicyBody = z
  .object({
    due: duration(0),
    remindBefore: duration(0),
    escalateEvery: duration(1),
    maxEscalationLevel: z.number().int().min(0).max(5),
    reason: z
      .string({ required_error: 'bắt buộc: lý do thay đổi' })
      .trim()
      .min(3, 'bắt buộc: lý do thay đổi')
      .max(1000),
  })
  .strict();

export const ClearOverrideBody = z
  .object({
    reason: z
      .string({ required_error: 'bắt buộc: lý do bỏ thời hạn riêng' })
      .trim()
      .min(3, 'bắt buộc: lý do bỏ thời hạn riêng')
      .max(1000),
  })
  .strict();

/** One layer of a step's policy: the national default (org null) or an organisation's override (issue 11 §2). */
type Layer = PolicyLayer & {
  row: DeadlinePolicyEntity | DeadlinePolicyOverrideEntity;
  orgName: string | null;
};

/**
 * A policy as answered: the layer's terms with the national anchor and, for an override, its own source (the
 * committee's decision); `organisationId` null for the national default; `version` the one a task opened under it
 * records (libs/domain resolvePolicyLayer).
 */
export type PolicyView = ReturnType<typeof view>;
const view = (national: DeadlinePolicyEntity, layer: Layer = nationalLayer(national), version = layer.version) => ({
  process: national.process,
  step: national.step,
  due: { amount: layer.row.dueAmount, unit: layer.row.dueUnit },
  remindBefore: { amount: layer.row.remindAmount, unit: layer.row.remindUnit },
  escalateEvery: { amount: layer.row.escalateAmount, unit: layer.row.escalateUnit },
  maxEscalationLevel: layer.row.maxEscalationLevel,
  anchor: national.anchor,
  source: layer.row.source,
  version,
  organisationId: layer.orgId,
  organisationName: layer.orgName,
  updatedAt: layer.row.updatedAt,
  updatedBy: layer.row.updatedBy,
});
const nationalLayer = (row: DeadlinePolicyEntity): Layer => ({
  orgId: null,
  orgPath: '',
  version: row.version,
  cleared: false,
  row,
  orgName: null,
});

/** The terms of a policy body, as columns. */
const terms = (input: z.infer<typeof UpdatePolicyBody>) => ({
  dueAmount: input.due.amount,
  dueUnit: input.due.unit,
  remindAmount: input.remindBefore.amount,
  remindUnit: input.remindBefore.unit,
  escalateAmount: input.escalateEvery.amount,
  escalateUnit: input.escalateEvery.unit,
  maxEscalationLevel: input.maxEscalationLevel,
});

export type OperationView = {
  id: string;
  process: string;
  step: string;
  policyVersion: number;
  /** The override's organisation whose subtree is re-timed; null for the national default. */
  organisationId: string | null;
  status: DeadlinePolicyOperationEntity['status'];
  statusLabel: string;
  counts: PolicyOperationCounts;
  failures: PolicyOperationFailure[];
  startedBy: string;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
};
export type PolicyImpactView = {
  process: string;
  step: string;
  policyVersion: number;
  /** The scope: the organisation whose override would change, null for the national default. */
  organisationId: string | null;
  /** Running cases a change of the scope re-times (its subtree minus deeper overrides), their tasks, overdue ones. */
  cases: number;
  tasks: number;
  overdue: number;
  /** Running cases waiting on the step in the whole system. */
  allCases: number;
};

const OPERATION_STATUS_VI: Record<DeadlinePolicyOperationEntity['status'], string> = {
  starting: 'Đang khởi động',
  running: 'Đang tính lại hạn',
  completed: 'Đã hoàn thành',
  start_failed: 'Không khởi động được',
};

/**
 * Deadline policies (issue 11 §2): national defaults, changed only by a root administrator, and overrides per
 * organisation applying to its subtree, set and cleared by an administrator at or above the organisation, which
 * may only shorten the due duration in force above (libs/domain tighteningProblems). Read: the national defaults
 * by everyone, the policies in force at an organisation by anyone with a role at or above it. Each change re-times
 * the running cases of its scope in a durable fan-out (issue 7 §4).
 */
@Injectable()
export class PoliciesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly client: PolicyFanOutClient,
  ) {}

  async list(user: AuthUser, rawOrgId?: string): Promise<PolicyView[]> {
    const rows = await this.dataSource
      .getRepository(DeadlinePolicyEntity)
      .find({ order: { process: 'ASC', step: 'ASC' } });
    if (rawOrgId === undefined) return rows.map((row) => view(row));
    const org = await this.organisation(parseUuid(rawOrgId, 'orgId'));
    if (!user.roles.some((r) => org.path.startsWith(r.orgPath)))
      throw ApiError.forbidden(`Bạn không có vai trò tại ${org.name} hoặc cấp trên của tổ chức này`);
    const overrides = await this.overridesOn(this.dataSource.manager, org.path);
    return rows.map((row) => {
      const { layer, version } = resolvePolicyLayer<Layer>(
        org.path,
        nationalLayer(row),
        overrides.filter((o) => o.row.process === row.process && o.row.step === row.step),
      );
      return view(row, layer, version);
    });
  }

  /** The national default of a step: a root administrator only (issue 11 §2). */
  async update(
    user: AuthUser,
    process: string,
    step: string,
    body: unknown,
  ): Promise<PolicyView & { operationId: string; operation: OperationView }> {
    if (!isRootAdministrator(user))
      throw ApiError.forbidden(
        'Chỉ quản trị viên cấp cao nhất được thay đổi thời hạn chung; cấp dưới đặt thời hạn riêng cho tổ chức của mình',
      );
    const input = parseOrThrow(UpdatePolicyBody, body);
    return this.change(user, process, step, null, async ({ em, national, version }) => {
      const before = view(national);
      Object.assign(national, { ...terms(input), version, updatedBy: user.fullName });
      await em.save(national);
      return {
        action: 'policy.changed',
        comment: input.reason,
        details: { before, after: view(national) },
        result: view(national),
      };
    });
  }

  /** Sets an organisation's own deadline of a step, for its subtree; only shorter than the one in force above. */
  async setOverride(
    user: AuthUser,
    process: string,
    step: string,
    rawOrgId: string,
    body: unknown,
  ): Promise<PolicyView & { operationId: string; operation: OperationView }> {
    const org = await this.administeredOrganisation(user, rawOrgId);
    const input = parseOrThrow(UpdatePolicyBody, body);
    return this.change(user, process, step, org, async ({ em, national, layers, version }) => {
      const own = layers.find((l) => l.orgId === org.id);
      const above = resolvePolicyLayer<Layer>(
        org.path,
        nationalLayer(national),
        layers.filter((l) => l.orgId !== org.id),
      ).layer;
      const problem = tighteningProblems(
        { due: { amount: above.row.dueAmount, unit: above.row.dueUnit } },
        { due: input.due },
      )[0];
      if (problem) throw ApiError.badRequest(problem.field, problem.message);
      const row =
        (own?.row as DeadlinePolicyOverrideEntity | undefined) ??
        em.create(DeadlinePolicyOverrideEntity, { id: randomUUID(), organisationId: org.id, process, step });
      const before = own && !own.cleared ? view(national, own) : null;
      Object.assign(row, {
        ...terms(input),
        source: input.reason,
        version,
        clearedAt: null,
        updatedBy: user.fullName,
      });
      await em.save(row);
      const layer: Layer = { orgId: org.id, orgPath: org.path, version, cleared: false, row, orgName: org.name };
      return {
        action: 'policy.override_set',
        comment: input.reason,
        details: { organisationId: org.id, before, after: view(national, layer), above: view(national, above) },
        result: view(national, layer),
      };
    });
  }

  /** Clears an organisation's own deadline: its subtree goes back to the policy in force above. */
  async clearOverride(
    user: AuthUser,
    process: string,
    step: string,
    rawOrgId: string,
    body: unknown,
  ): Promise<PolicyView & { operationId: string; operation: OperationView }> {
    const org = await this.administeredOrganisation(user, rawOrgId);
    const input = parseOrThrow(ClearOverrideBody, body);
    return this.change(user, process, step, org, async ({ em, national, layers, version }) => {
      const own = layers.find((l) => l.orgId === org.id && !l.cleared);
      if (!own) throw ApiError.notFound('thời hạn riêng', `${process}/${step} của ${org.name}`);
      const row = own.row as DeadlinePolicyOverrideEntity;
      const before = view(national, own);
      Object.assign(row, { version, clearedAt: new Date(), updatedBy: user.fullName });
      await em.save(row);
      const now = resolvePolicyLayer<Layer>(org.path, nationalLayer(national), [
        ...layers.filter((l) => l.orgId !== org.id),
        { ...own, version, cleared: true },
      ]);
      const after = view(national, now.layer, now.version);
      return {
        action: 'policy.override_cleared',
        comment: input.reason,
        details: { organisationId: org.id, before, after },
        result: after,
      };
    });
  }

  /**
   * One change of a step's policy in one transaction (the national row locked: the step's changes are serial):
   * the next version of the step's one sequence, the audit row and the operation row; then the fan-out of the
   * scope (`org`'s subtree, or national) starts after the commit.
   */
  private async change(
    user: AuthUser,
    process: string,
    step: string,
    org: OrganisationEntity | null,
    apply: (step: {
      em: EntityManager;
      national: DeadlinePolicyEntity;
      layers: Layer[];
      version: number;
    }) => Promise<{ action: string; comment: string; details: Record<string, unknown>; result: PolicyView }>,
  ): Promise<PolicyView & { operationId: string; operation: OperationView }> {
    const saved = await this.dataSource.transaction(async (em) => {
      const national = await em.findOne(DeadlinePolicyEntity, {
        where: { process, step },
        lock: { mode: 'pessimistic_write' },
      });
      if (!national) throw ApiError.notFound('chính sách thời hạn', `${process}/${step}`);
      const layers = await this.stepOverrides(em, process, step);
      const version = nextPolicyVersion([national, ...layers]);
      const { action, comment, details, result } = await apply({ em, national, layers, version });
      const operationId = deadlinePolicyOperationId({ process, step, version });
      await appendAudit(em, {
        eventKey: `policy:${process}:${step}:v${version}`,
        at: new Date(),
        action,
        actor: { userId: user.userId, name: user.fullName },
        // An override's change belongs to its organisation's subtree (the audit log's readers there and above).
        ...(org ? { orgId: org.id } : {}),
        process,
        step,
        comment,
        details: { ...details, operationId },
      });
      await insertStartingOperation(em, {
        id: operationId,
        process,
        step,
        policyVersion: version,
        organisationId: org?.id ?? null,
        startedBy: user.fullName,
        at: new Date(),
      });
      return { result, operationId, version };
    });
    // Issue 7 §4: the waiting cases are re-timed by a durable workflow, not inside this request; its
    // operation row was committed with the change, the workflow (deterministic id) starts after the commit.
    const { operationId, version } = saved;
    try {
      await this.client.start({ operationId, process, step, version, ...(org ? { orgId: org.id } : {}) });
    } catch (e) {
      if (!(e instanceof TemporalCallFailed)) throw e;
      await this.dataSource.transaction(async (em) => {
        await markOperationStartFailed(em, operationId);
        await appendAudit(em, {
          eventKey: `${operationId}:start-failed`,
          at: new Date(),
          action: 'policy.retiming_start_failed',
          actor: { userId: user.userId, name: user.fullName },
          process,
          step,
          details: { operationId, reason: e.message },
        });
      });
      throw workflowStartFailedError(
        `tính lại hạn cho các hồ sơ đang chờ bước '${labelVi(step)}'`,
        `Thời hạn mới (phiên bản ${version}) đã được lưu nhưng các hồ sơ đang chờ chưa được tính lại hạn (thao tác ${operationId})`,
      );
    }
    await this.dataSource
      .getRepository(DeadlinePolicyOperationEntity)
      .update({ id: operationId, status: 'starting' }, { status: 'running', updatedAt: new Date() });
    return { ...saved.result, operationId, operation: await this.operation(user, operationId) };
  }

  /**
   * What saving a change of the scope (`orgId`'s override, else the national default) would re-time (issue 10,
   * issue 11 §2): the running cases waiting on this step in the scope, minus the subtrees of deeper overrides,
   * counted as the fan-out's `listWaitingCases` does (policyScopeCondition), and in the whole system.
   */
  async impact(user: AuthUser, process: string, step: string, rawOrgId?: string): Promise<PolicyImpactView> {
    const org = rawOrgId === undefined ? null : await this.administeredOrganisation(user, rawOrgId);
    if (!org && !isRootAdministrator(user))
      throw ApiError.forbidden(
        'Chỉ quản trị viên cấp cao nhất được thay đổi thời hạn chung (thêm orgId cho thời hạn riêng)',
      );
    if (!Object.prototype.hasOwnProperty.call(PROCESS_LABELS, process))
      throw ApiError.badRequest('process', `không có quy trình '${process}'`);
    const policy = await this.dataSource.getRepository(DeadlinePolicyEntity).findOneBy({ process, step });
    if (!policy) throw ApiError.notFound('chính sách thời hạn', `${process}/${step}`);
    const layers = await this.stepOverrides(this.dataSource.manager, process, step);
    const inScope = policyScopeCondition('$3', '$4', '$5');
    const [row] = (await this.dataSource.query(
      `SELECT count(DISTINCT workflow_id) FILTER (WHERE ${inScope})::int AS cases,
              count(*) FILTER (WHERE ${inScope})::int AS tasks,
              count(*) FILTER (WHERE ${inScope} AND status = 'overdue')::int AS overdue,
              count(DISTINCT workflow_id)::int AS "allCases"
         FROM human_task t WHERE process = $1 AND step = $2 AND status IN ('open','overdue')`,
      [process, step, org?.path ?? '', org?.id ?? null, nextPolicyVersion([policy, ...layers])],
    )) as { cases: number; tasks: number; overdue: number; allCases: number }[];
    return { process, step, policyVersion: policy.version, organisationId: org?.id ?? null, ...row };
  }

  /**
   * Progress and confirmed counts of one fan-out: re-timings the cases answered, not signals sent. Read by the
   * administrators who could have made the change: at or above the override's organisation, a root one for national.
   */
  async operation(user: AuthUser, id: string): Promise<OperationView> {
    if (!user.roles.some((r) => r.role === 'administrator'))
      throw ApiError.forbidden('Chỉ quản trị viên được xem tiến độ tính lại hạn');
    const op = await this.dataSource.getRepository(DeadlinePolicyOperationEntity).findOneBy({ id });
    if (!op) throw ApiError.notFound('thao tác tính lại hạn', id);
    const scope = op.organisationId
      ? await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: op.organisationId })
      : null;
    if (scope ? !hasRoleAtOrAbove(user, scope.path, ['administrator']) : !isRootAdministrator(user))
      throw ApiError.forbidden('Thao tác tính lại hạn này nằm ngoài phạm vi quản trị của bạn');
    return {
      id: op.id,
      process: op.process,
      step: op.step,
      policyVersion: op.policyVersion,
      organisationId: op.organisationId,
      status: op.status,
      statusLabel: OPERATION_STATUS_VI[op.status],
      counts: { ...EMPTY_POLICY_OPERATION_COUNTS, ...op.counts },
      failures: op.failures,
      startedBy: op.startedBy,
      startedAt: op.startedAt,
      updatedAt: op.updatedAt,
      finishedAt: op.finishedAt,
    };
  }

  private async organisation(id: string): Promise<OrganisationEntity> {
    const org = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id });
    if (!org) throw ApiError.notFound('tổ chức', id);
    return org;
  }

  /** The organisation of an override, which the user administers (at or above it), else 403. */
  private async administeredOrganisation(user: AuthUser, rawOrgId: string): Promise<OrganisationEntity> {
    const org = await this.organisation(parseUuid(rawOrgId, 'orgId'));
    if (!hasRoleAtOrAbove(user, org.path, ['administrator']))
      throw ApiError.forbidden(
        `Chỉ quản trị viên của ${org.name} hoặc cấp trên được đặt thời hạn riêng cho tổ chức này`,
      );
    return org;
  }

  /** Every override of a step (in force or cleared), with its organisation's path and name. */
  private async stepOverrides(em: EntityManager, process: string, step: string): Promise<Layer[]> {
    return this.layersOf(em, await em.findBy(DeadlinePolicyOverrideEntity, { process, step }));
  }

  /** The overrides of every step held by the organisation at `path` or its ancestors. */
  private async overridesOn(em: EntityManager, path: string): Promise<Layer[]> {
    const ids = path.split('/').filter(Boolean);
    return this.layersOf(em, await em.findBy(DeadlinePolicyOverrideEntity, { organisationId: In(ids) }));
  }

  private async layersOf(em: EntityManager, rows: DeadlinePolicyOverrideEntity[]): Promise<Layer[]> {
    const orgs = new Map(
      (await em.findBy(OrganisationEntity, { id: In([...new Set(rows.map((r) => r.organisationId))]) })).map((o) => [
        o.id,
        o,
      ]),
    );
    return rows.map((row) => {
      const org = orgs.get(row.organisationId) as OrganisationEntity;
      return {
        orgId: org.id,
        orgPath: org.path,
        version: row.version,
        cleared: row.clearedAt !== null,
        row,
        orgName: org.name,
      };
    });
  }
}
