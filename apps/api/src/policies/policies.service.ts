import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  deadlinePolicyOperationId,
  EMPTY_POLICY_OPERATION_COUNTS,
  type PolicyOperationCounts,
  type PolicyOperationFailure,
} from '@partyflow/contracts';
import {
  labelVi,
  nextPolicyVersion,
  type DeadlinePolicy,
  PROCESS_LABELS,
  resolvePolicyLayer,
  tighteningProblems,
  type PolicyLayer,
} from '@partyflow/domain';
import {
  DeadlinePolicyEntity,
  DeadlinePolicyOperationEntity,
  DeadlinePolicyOverrideEntity,
  DeadlinePolicyPinEntity,
  DeadlinePolicyPreviewEntity,
  OrganisationEntity,
  policyScopeCondition,
  runningCasesInScope,
  toDomainPolicy,
  type PolicyTerms,
} from '@partyflow/persistence';
import { appendAudit } from '@partyflow/audit';
import { hasRoleAtOrAbove, isRootAdministrator, type AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { parseOrThrow, parseUuid } from '../common/validation';
import { TemporalCallFailed, workflowStartFailedError } from '../common/workflow-start';
import { PolicyFanOutClient } from './policy-fan-out.client';
import { insertStartingOperation, markOperationStartFailed } from './policy-operations';
import { ClearOverrideBody, PreviewPolicyBody, UpdatePolicyBody, type ChangeScope } from './policies.schemas';
import { computePreview, type PreviewSummary, type PreviewTask } from './policy-preview';

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

/** The terms a layer's row holds, as a preview proposes them and a pin keeps them. */
const layerTerms = (row: Layer['row']): PolicyTerms => ({
  due: { amount: row.dueAmount, unit: row.dueUnit },
  remindBefore: { amount: row.remindAmount, unit: row.remindUnit },
  escalateEvery: { amount: row.escalateAmount, unit: row.escalateUnit },
  maxEscalationLevel: row.maxEscalationLevel,
});
const bodyTerms = (b: PolicyTerms): PolicyTerms => ({
  due: b.due,
  remindBefore: b.remindBefore,
  escalateEvery: b.escalateEvery,
  maxEscalationLevel: b.maxEscalationLevel,
});
/** The same terms, whatever the order of their keys (a jsonb column orders them its own way). */
const sameTerms = (a: PolicyTerms, b: PolicyTerms) =>
  (['due', 'remindBefore', 'escalateEvery'] as const).every(
    (k) => a[k].amount === b[k].amount && a[k].unit === b[k].unit,
  ) && a.maxEscalationLevel === b.maxEscalationLevel;

/** How a change reached the running cases (issue 14 §1). */
type Reach = { scope: ChangeScope; caseIds?: string[]; previewId?: string };

export type PreviewView = {
  previewId: string;
  process: string;
  step: string;
  organisationId: string | null;
  /** The step's version the preview was computed on: a change since makes it stale. */
  policyVersion: number;
  computedAt: Date;
  proposed: PolicyTerms;
  /** The terms in force now at the scope (its override, else what applies above it). */
  current: PolicyTerms;
  counts: PreviewSummary['counts'];
  byOrganisation: PreviewSummary['byOrganisation'];
  /** The first `pageSize` tasks, soonest new due date first; `tasksTotal` in all. */
  tasks: PreviewTask[];
  tasksTotal: number;
};

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
    return this.change(user, process, step, null, input, async ({ em, national, version }) => {
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
    return this.change(user, process, step, org, input, async ({ em, national, layers, version }) => {
      const own = layers.find((l) => l.orgId === org.id);
      const above = this.layerAbove(org, national, layers);
      this.assertTightening(above, input);
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
    return this.change(
      user,
      process,
      step,
      org,
      { scope: 'running_too' },
      async ({ em, national, layers, version }) => {
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
      },
    );
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
    reach: Reach,
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
      const operationId = deadlinePolicyOperationId({ process, step, version });
      // Issue 14 §1: before the terms change, the running cases the change does not reach keep the ones they have.
      const reached = await this.reachCases(em, { process, step, org, national, layers, version, reach, operationId });
      const { action, comment, details, result } = await apply({ em, national, layers, version });
      const preview = reach.previewId
        ? await this.assertPreviewFollowed(em, reach.previewId, { process, step, org, version, result })
        : null;
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
        details: {
          ...details,
          operationId,
          ...reached.audit,
          // The preview the administrator saw before applying (issue 14 §1).
          ...(preview
            ? {
                preview: {
                  id: preview.id,
                  computedAt: preview.computedAt.toISOString(),
                  computedBy: preview.computedBy,
                  ...preview.summary,
                },
              }
            : {}),
        },
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
      return { result, operationId, version, caseIds: reached.fanOutCaseIds };
    });
    // Issue 7 §4: the waiting cases are re-timed by a durable workflow, not inside this request; its
    // operation row was committed with the change, the workflow (deterministic id) starts after the commit.
    const { operationId, version, caseIds } = saved;
    try {
      await this.client.start({
        operationId,
        process,
        step,
        version,
        ...(org ? { orgId: org.id } : {}),
        ...(caseIds ? { caseIds } : {}),
      });
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
   * Issue 14 §1: what a proposed change of the scope (`orgId`'s override, else the national default) would do to the
   * open tasks of the step, computed from the read model and the policy arithmetic (policy-preview.ts), changing
   * nothing but the preview's own record, which a change may name (`previewId`) to be audited with it.
   */
  async preview(user: AuthUser, process: string, step: string, body: unknown): Promise<PreviewView> {
    const input = parseOrThrow(PreviewPolicyBody, body);
    const org = input.orgId === undefined ? null : await this.administeredOrganisation(user, input.orgId);
    if (!org && !isRootAdministrator(user))
      throw ApiError.forbidden(
        'Chỉ quản trị viên cấp cao nhất được thay đổi thời hạn chung (thêm orgId cho thời hạn riêng)',
      );
    if (!Object.prototype.hasOwnProperty.call(PROCESS_LABELS, process))
      throw ApiError.badRequest('process', `không có quy trình '${process}'`);
    const national = await this.dataSource.getRepository(DeadlinePolicyEntity).findOneBy({ process, step });
    if (!national) throw ApiError.notFound('chính sách thời hạn', `${process}/${step}`);
    const layers = await this.stepOverrides(this.dataSource.manager, process, step);
    const inForce = org
      ? resolvePolicyLayer<Layer>(org.path, nationalLayer(national), layers).layer
      : nationalLayer(national);
    if (org) this.assertTightening(this.layerAbove(org, national, layers), input);
    const proposed = bodyTerms(input);
    const policy: DeadlinePolicy = { ...toDomainPolicy(national), ...proposed };
    const version = nextPolicyVersion([national, ...layers]);
    const computedAt = new Date();
    const { summary, tasks } = await computePreview(this.dataSource.manager, {
      process,
      step,
      scope: org ? { path: org.path, id: org.id } : null,
      version,
      policy,
      now: computedAt.toISOString(),
    });
    const previewId = randomUUID();
    await this.dataSource.getRepository(DeadlinePolicyPreviewEntity).insert({
      id: previewId,
      process,
      step,
      organisationId: org?.id ?? null,
      policyVersion: version - 1,
      proposed,
      summary,
      computedAt,
      computedBy: user.fullName,
    });
    return {
      previewId,
      process,
      step,
      organisationId: org?.id ?? null,
      policyVersion: version - 1,
      computedAt,
      proposed,
      current: layerTerms(inForce.row),
      ...summary,
      tasks: tasks.slice(0, input.pageSize),
      tasksTotal: tasks.length,
    };
  }

  /**
   * Issue 14 §1, in the change's transaction: which running cases of the scope the change reaches, and the pins of
   * those it does not (they keep the terms in force for them now; a case pinned before keeps its older pin). A change
   * that reaches a case takes its pin away. Answers the case ids the fan-out re-times (undefined: every waiting one)
   * and what the audit records.
   */
  private async reachCases(
    em: EntityManager,
    c: {
      process: string;
      step: string;
      org: OrganisationEntity | null;
      national: DeadlinePolicyEntity;
      layers: Layer[];
      version: number;
      reach: Reach;
      operationId: string;
    },
  ): Promise<{ fanOutCaseIds: string[] | undefined; audit: Record<string, unknown> }> {
    const running = await runningCasesInScope(em, {
      process: c.process,
      step: c.step,
      scopePath: c.org?.path ?? '',
      scopeOrgId: c.org?.id ?? null,
      version: c.version,
    });
    const chosen = (c.reach.caseIds ?? []).map((id) => id.toLowerCase());
    if (c.reach.scope === 'selected_cases') {
      const inScope = new Set(running.map((r) => r.caseId));
      chosen.forEach((id, i) => {
        if (!inScope.has(id))
          throw ApiError.badRequest(
            `caseIds.${i}`,
            `'${id}' không phải hồ sơ đang chạy trong phạm vi của thay đổi này (quy trình ${labelVi(c.process)})`,
          );
      });
    }
    const reached = c.reach.scope === 'running_too' ? running : running.filter((r) => chosen.includes(r.caseId));
    const kept = c.reach.scope === 'running_too' ? [] : running.filter((r) => !chosen.includes(r.caseId));
    if (reached.length)
      await em.delete(DeadlinePolicyPinEntity, {
        process: c.process,
        step: c.step,
        caseId: In(reached.map((r) => r.caseId)),
      });
    if (kept.length) {
      const pinnedAt = new Date();
      const pins = kept.map((k) => {
        const { layer, version } = resolvePolicyLayer<Layer>(k.orgPath, nationalLayer(c.national), c.layers);
        return {
          caseId: k.caseId,
          process: c.process,
          step: c.step,
          policyVersion: version,
          policyOrgId: layer.orgId,
          terms: layerTerms(layer.row),
          operationId: c.operationId,
          pinnedAt,
        };
      });
      for (let i = 0; i < pins.length; i += 1000)
        await em
          .createQueryBuilder()
          .insert()
          .into(DeadlinePolicyPinEntity)
          .values(pins.slice(i, i + 1000))
          .orIgnore()
          .execute();
    }
    return {
      fanOutCaseIds: c.reach.scope === 'running_too' ? undefined : chosen,
      audit: {
        scope: c.reach.scope,
        ...(c.reach.scope === 'selected_cases' ? { caseIds: chosen } : {}),
        keptCases: kept.length,
      },
    };
  }

  /** The preview a change names must be of the same step, scope and terms, and computed on the step as it is. */
  private async assertPreviewFollowed(
    em: EntityManager,
    previewId: string,
    c: { process: string; step: string; org: OrganisationEntity | null; version: number; result: PolicyView },
  ): Promise<DeadlinePolicyPreviewEntity> {
    const preview = await em.findOneBy(DeadlinePolicyPreviewEntity, { id: previewId.toLowerCase() });
    if (!preview) throw new ApiError(404, 'NOT_FOUND', `Không tìm thấy bản xem trước '${previewId}'`, 'previewId');
    if (
      preview.process !== c.process ||
      preview.step !== c.step ||
      preview.organisationId !== (c.org?.id ?? null) ||
      !sameTerms(preview.proposed, c.result)
    )
      throw new ApiError(
        409,
        'POLICY_PREVIEW_MISMATCH',
        'Bản xem trước này tính cho một thời hạn khác (bước, phạm vi hoặc thời hạn đề xuất khác với thay đổi)',
        'previewId',
      );
    if (preview.policyVersion !== c.version - 1)
      throw new ApiError(
        409,
        'POLICY_PREVIEW_STALE',
        `Thời hạn của bước này đã thay đổi sau bản xem trước (phiên bản ${preview.policyVersion} → ${c.version - 1}): hãy xem trước lại`,
        'previewId',
      );
    return preview;
  }

  /** The layer in force at `org` when its own override is left out: what an override may only shorten. */
  private layerAbove(org: OrganisationEntity, national: DeadlinePolicyEntity, layers: Layer[]): Layer {
    return resolvePolicyLayer<Layer>(
      org.path,
      nationalLayer(national),
      layers.filter((l) => l.orgId !== org.id),
    ).layer;
  }

  private assertTightening(above: Layer, input: PolicyTerms): void {
    const problem = tighteningProblems(
      { due: { amount: above.row.dueAmount, unit: above.row.dueUnit } },
      { due: input.due },
    )[0];
    if (problem) throw ApiError.badRequest(problem.field, problem.message);
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
