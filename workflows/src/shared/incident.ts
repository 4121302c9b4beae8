import {
  ActivityFailure,
  ApplicationFailure,
  isCancellation,
  proxyActivities,
  TimeoutFailure,
  workflowInfo,
} from '@temporalio/workflow';
import { INCIDENT_STEP, labelVi } from '@partyflow/domain';
import {
  CASE_CANCELLED,
  INCIDENT_TASK,
  type Actor,
  type CompleteTaskInput,
  type IncidentActivities,
  type IncidentPayload,
} from '@partyflow/contracts';
import type { HumanTasks } from '../human-task/human-task';
import { INCIDENT_ACTIVITY } from './activity-options';

// Who handles an incident, and cancelling a case's tasks: the incident path is bounded on its own.
const incidentActs = proxyActivities<IncidentActivities>(INCIDENT_ACTIVITY);

/** More incidents than this on one call, and the workflow fails (visible in Temporal) instead. */
const MAX_INCIDENTS_PER_CALL = 20;

type Activities = Record<string, (...args: never[]) => Promise<unknown>>;
type SkipValues<A> = {
  [K in keyof A]?: A[K] extends (...args: infer P) => Promise<infer R> ? (...args: P) => R : never;
};

export type IncidentOptions<A> = {
  tasks: HumanTasks;
  /** The case's organisation: the incident goes to the administrator of the nearest organisation at or above it. */
  orgId: string;
  /** The case step the workflow is in, for the incident's title and payload. */
  currentStep: () => string;
  /** Activities an administrator may skip (with a reason), and the value the workflow then continues with. */
  skippable?: SkipValues<A>;
  /** Ends the case as cancelled through its normal end-case activity; without it, 'cancel' is not offered. */
  cancel?: (reason: string, actor: Actor) => Promise<void>;
};

/**
 * The failure of an activity call, as the incident reports it. A scheduled activity fails with an ActivityFailure
 * whose cause is the activity's error; a local activity (issue 13 §5) with the error itself (an ApplicationFailure,
 * or a TimeoutFailure) and no retry state, which is then read off the error: a non-retryable failure, a timeout,
 * or the last of its bounded attempts.
 */
type CallFailure = { cause: Error | undefined; message: string; retryState: string | null };
function callFailure(e: unknown): CallFailure | undefined {
  if (e instanceof ActivityFailure) return { cause: e.cause, message: e.message, retryState: e.retryState ?? null };
  if (isCaseCancelled(e)) return undefined;
  if (e instanceof ApplicationFailure)
    return {
      cause: e,
      message: e.message,
      retryState: e.nonRetryable ? 'NON_RETRYABLE_FAILURE' : 'MAXIMUM_ATTEMPTS_REACHED',
    };
  if (e instanceof TimeoutFailure) return { cause: e, message: e.message, retryState: 'TIMEOUT' };
  return undefined;
}

const reasonOf = (c: { data?: Record<string, unknown> }): string =>
  String((c.data as { reason?: unknown } | undefined)?.reason ?? '').trim();

/** The error a case was cancelled with from an incident; `untilCancelled` turns it into the case's result. */
export const isCaseCancelled = (e: unknown): e is ApplicationFailure =>
  e instanceof ApplicationFailure && e.type === CASE_CANCELLED;

/**
 * Incidents (sự cố, issue 7 §2), as Camunda Operate has them: wraps an activity proxy so that a
 * failure the case cannot get past (an activity failure after its bounded retries, or a
 * non-retryable one) neither fails the case nor retries forever. It opens an administrator's
 * task through the human-task helper (step 'incident', carrying the step, the activity and the
 * error) and waits for the choice: 'retry' runs the call again, 'skip' continues with the
 * step's skip value (only where `skippable` allows it), 'cancel' cancels the open tasks, ends
 * the case through `cancel` and unwinds the workflow (see `untilCancelled`). A successful call
 * emits exactly the commands it did before, so recorded histories replay unchanged.
 */
export function withIncidents<A extends object>(acts: A, options: IncidentOptions<A>): A {
  let incidents = 0;
  const call = async (name: string, args: unknown[]): Promise<unknown> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await (acts as unknown as Activities)[name](...(args as never[]));
      } catch (e) {
        const failure = isCancellation(e) ? undefined : callFailure(e);
        if (!failure || attempt > MAX_INCIDENTS_PER_CALL) throw e;
        const choice = await openIncident(name, failure, attempt);
        if (choice.outcome === 'retry') continue;
        if (choice.outcome === 'skip')
          return (options.skippable as Record<string, (...a: unknown[]) => unknown>)[name](...args);
        await cancelCase(reasonOf(choice), choice.actor);
      }
    }
  };

  const openIncident = async (activity: string, failure: CallFailure, attempt: number) => {
    incidents += 1;
    const step = options.currentStep();
    const cause = failure.cause;
    const skippable = !!options.skippable && Object.prototype.hasOwnProperty.call(options.skippable, activity);
    const payload: IncidentPayload = {
      step,
      orgId: options.orgId,
      activity,
      attempt,
      skippable,
      error: {
        type: cause instanceof ApplicationFailure ? (cause.type ?? null) : (cause?.name ?? null),
        message: cause?.message ?? failure.message,
        details: cause instanceof ApplicationFailure ? [...(cause.details ?? [])] : [],
        retryState: failure.retryState,
      },
    };
    const assignee = await incidentActs.resolveIncidentAssignee({ orgId: options.orgId });
    const outcomes = ['retry', ...(skippable ? ['skip'] : []), ...(options.cancel ? ['cancel'] : [])];
    return options.tasks.run({
      step: INCIDENT_STEP,
      taskKey: `${INCIDENT_STEP}#${incidents}`,
      title: `Sự cố: ${labelVi(step)} (${activity}): ${payload.error.message}`.slice(0, 500),
      assignee,
      payload,
      definition: {
        outcomes,
        data: INCIDENT_TASK.data,
        check: (c: CompleteTaskInput) =>
          c.outcome !== 'retry' && !reasonOf(c)
            ? { field: 'data.reason', message: 'cần nêu lý do khi bỏ qua bước hoặc hủy hồ sơ' }
            : undefined,
      },
    });
  };

  const cancelCase = async (reason: string, actor: Actor): Promise<never> => {
    await incidentActs.cancelOpenTasks({
      workflowId: workflowInfo().workflowId,
      reason,
      actor,
      at: new Date().toISOString(),
    });
    await (options.cancel as NonNullable<IncidentOptions<A>['cancel']>)(reason, actor);
    throw ApplicationFailure.create({
      type: CASE_CANCELLED,
      message: reason,
      nonRetryable: true,
      details: [{ reason, actor, step: options.currentStep() }],
    });
  };

  return new Proxy(acts, {
    get: (_target, name) => (typeof name === 'string' ? (...args: unknown[]) => call(name, args) : undefined),
  });
}

/**
 * Runs a case's body; a cancellation chosen in an incident ends it with `cancelled(reason)` as its
 * result (the case row was already ended through its end-case activity), so the workflow
 * completes normally instead of failing.
 */
export async function untilCancelled<R>(
  body: () => Promise<R>,
  cancelled: (reason: string, step: string) => R,
): Promise<R> {
  try {
    return await body();
  } catch (e) {
    if (isCaseCancelled(e))
      return cancelled(e.message, String((e.details?.[0] as { step?: string } | undefined)?.step ?? INCIDENT_STEP));
    throw e;
  }
}
