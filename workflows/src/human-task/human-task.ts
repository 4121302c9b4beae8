import { context as traceContext, type Context as TraceContext } from '@opentelemetry/api';
import {
  condition,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ZodTypeAny } from 'zod';
import type { FieldProblem } from '@partyflow/domain';
import {
  completeTaskUpdate,
  deadlinePolicyChangedSignal,
  reassignTaskSignal,
  reassignTaskUpdate,
  repromiseTaskUpdate,
  retimeForPolicyUpdate,
  SA_CURRENT_STEP,
  SA_STEP_DUE_AT,
  TASK_ERRORS,
  type ActingAs,
  type Actor,
  type Assignee,
  type CompleteTaskInput,
  type HumanTaskActivities,
  type TaskTiming,
} from '@partyflow/contracts';
import { DATABASE_ACTIVITY, LOCAL_DATABASE_ACTIVITY } from '../shared/activity-options';
import { refuse } from '../shared/refusal';

// Task bookkeeping writes to PostgreSQL.
const acts = proxyActivities<HumanTaskActivities>(DATABASE_ACTIVITY);
// Opening and closing a task, on the path from one completion to the next task (issue 13 §5), as local activities.
const localActs = proxyLocalActivities<HumanTaskActivities>(LOCAL_DATABASE_ACTIVITY);

export type TaskDefinition = {
  outcomes: readonly string[];
  data: ZodTypeAny;
  /** A further check of a well-formed completion (e.g. a vote outcome must match its counts). */
  check?: (input: CompleteTaskInput) => FieldProblem | undefined;
};

export type TaskSpec = {
  step: string;
  /** Unique within the case; defaults to the step. Repeated steps add a suffix ('…#2'). */
  taskKey?: string;
  title: string;
  assignee: Assignee;
  definition: TaskDefinition;
  /** When the step's deadline policy is anchored on a case event, the instant of that event. */
  anchorAt?: string;
  /** Runs in the workflow after each escalation level is recorded (e.g. notify a second organisation). */
  onEscalated?: (level: number) => Promise<void>;
  /** Shown with the task in the inbox (an incident: the failed step and the error; shared/incident.ts). */
  payload?: Record<string, unknown>;
};

export type TaskCompletion = {
  taskKey: string;
  outcome: string;
  comment?: string;
  data: Record<string, unknown>;
  actor: Actor;
  completedAt: string;
};

type OpenTask = {
  spec: TaskSpec;
  taskKey: string;
  timing?: TaskTiming;
  escalationLevel: number;
  reminded: boolean;
  retime: boolean;
  /** How many re-timings the task's loop has written (a `retimeForPolicy` update waits for the next). */
  retimes?: number;
  /** A reassignment waiting to be written by the task's own loop. */
  reassign?: { assignee: Assignee; reason: string; actor: Actor };
  /** A re-promise (issue 14 §3) changed the timing: the loop waits on the new timers. */
  rewake?: boolean;
  /** Set by the update handler before it writes, so a duplicate completion is refused at once. */
  claimed?: CompleteTaskInput;
  closed?: TaskCompletion;
};

export type HumanTasks = {
  run(spec: TaskSpec): Promise<TaskCompletion>;
};

/** Whether a user acting as `who` is the task's assignee (a named member, or a role in an organisation). */
const actsAs = (assignee: Assignee, who: ActingAs): boolean =>
  assignee.orgId === who.orgId &&
  (assignee.kind === 'member' ? assignee.memberId === who.memberId : assignee.role === who.role);

/**
 * The human-task pattern, written once for every process (ARCHITECTURE.md): open a task through
 * an activity, wait with a reminder and escalation timers that follow deadline-policy changes,
 * accept completion only through the validated `completeTask` update, then close the task row.
 * Call once at the start of a workflow, before anything awaits.
 */
export function installHumanTasks({ process, caseId }: { process: string; caseId: string }): HumanTasks {
  const { workflowId } = workflowInfo();
  const open = new Map<string, OpenTask>();
  // Cases started before this change upsert the step of the last opened task only, on open.
  const earliestStep = patched('task-search-attributes-earliest-open');
  // Issue 13 §5: cases started after this change open and close their tasks with local activities (one workflow
  // task per completion); cases started before keep scheduling them through the server, as their histories say.
  const book = patched('local-task-bookkeeping') ? localActs : acts;
  let shown: string | undefined;
  /**
   * Traces (issue 12 §4): the trace context of the latest completion. A task opened after it is opened in that
   * context, so that the completion's trace (HTTP request → update → closeTask) goes on to the openTask of the task it
   * caused, rather than to the workflow run's trace. Only the headers of the openTask command change, not the commands.
   */
  let cause: TraceContext | undefined;
  const inCause = <T>(fn: () => Promise<T>): Promise<T> => (cause ? traceContext.with(cause, fn) : fn());
  /**
   * PartyCurrentStep / PartyStepDueAt follow the open task due first (cleared when none is open);
   * upserted only when they change.
   */
  const showEarliestOpen = (): void => {
    const due = [...open.values()]
      .filter((t) => t.timing && !t.closed)
      .sort((a, b) => Date.parse((a.timing as TaskTiming).dueAt) - Date.parse((b.timing as TaskTiming).dueAt))[0];
    const next = due ? `${due.spec.step}@${(due.timing as TaskTiming).dueAt}` : '';
    if (next === (shown ?? '')) return;
    shown = next;
    upsertSearchAttributes(
      due
        ? [
            { key: SA_CURRENT_STEP, value: due.spec.step },
            { key: SA_STEP_DUE_AT, value: new Date((due.timing as TaskTiming).dueAt) },
          ]
        : [
            { key: SA_CURRENT_STEP, value: null },
            { key: SA_STEP_DUE_AT, value: null },
          ],
    );
  };

  setHandler(
    completeTaskUpdate,
    async (input) => {
      const task = open.get(input.taskKey) as OpenTask;
      task.claimed = input;
      await condition(() => task.timing !== undefined);
      const completedAt = new Date().toISOString();
      await book.closeTask({
        workflowId,
        taskKey: input.taskKey,
        outcome: input.outcome,
        comment: input.comment,
        data: input.data,
        actor: input.actor,
        at: completedAt,
      });
      cause = traceContext.active();
      task.closed = {
        taskKey: input.taskKey,
        outcome: input.outcome,
        comment: input.comment,
        data: input.data ?? {},
        actor: input.actor,
        completedAt,
      };
      return {
        taskId: (task.timing as TaskTiming).taskId,
        taskKey: input.taskKey,
        outcome: input.outcome,
        completedAt,
      };
    },
    {
      validator: (input) => {
        const task = open.get(input?.taskKey);
        if (!task || task.claimed)
          refuse(TASK_ERRORS.notOpen, `Nhiệm vụ '${input?.taskKey}' không còn mở (đã hoàn thành hoặc không tồn tại).`);
        if (
          input.actingAs &&
          !actsAs((task as OpenTask).reassign?.assignee ?? (task as OpenTask).spec.assignee, input.actingAs)
        ) {
          refuse(
            TASK_ERRORS.notAssignee,
            `Nhiệm vụ '${input.taskKey}' đã được chuyển cho tổ chức khác (ví dụ do thu hồi ủy quyền); bạn không còn thẩm quyền hoàn thành.`,
          );
        }
        const def = (task as OpenTask).spec.definition;
        if (!def.outcomes.includes(input.outcome)) {
          refuse(
            TASK_ERRORS.outcomeNotAllowed,
            `'${input.outcome}' không hợp lệ cho bước này; chỉ chấp nhận: ${def.outcomes.join(', ')}.`,
            'outcome',
          );
        }
        const parsed = def.data.safeParse(input.data ?? {});
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          refuse(TASK_ERRORS.invalidData, issue.message, ['data', ...issue.path].join('.'));
        }
        const problem = def.check?.(input);
        if (problem) refuse(TASK_ERRORS.invalidData, problem.message, problem.field);
      },
    },
  );

  setHandler(deadlinePolicyChangedSignal, ({ process: p, step, version }) => {
    if (p !== process) return;
    for (const task of open.values()) {
      if (task.spec.step === step && task.timing && task.timing.policyVersion < version) task.retime = true;
    }
  });

  setHandler(reassignTaskSignal, ({ taskKey, assignee, reason, actor }) => {
    const task = open.get(taskKey);
    if (task && !task.claimed) task.reassign = { assignee, reason, actor };
  });

  // Issue 7 §4: a reassignment answers what moved; the signal above stays for recorded histories.
  setHandler(
    reassignTaskUpdate,
    async ({ taskKey, assignee, reason, actor }) => {
      const task = open.get(taskKey) as OpenTask;
      const from = task.reassign?.assignee ?? task.spec.assignee;
      task.reassign = undefined;
      task.spec = { ...task.spec, assignee };
      await condition(() => task.timing !== undefined);
      await acts.reassignTask({ workflowId, taskKey, assignee, reason, actor, at: new Date().toISOString() });
      return {
        taskId: (task.timing as TaskTiming).taskId,
        taskKey,
        from,
        to: assignee,
        moved: JSON.stringify(from) !== JSON.stringify(assignee),
      };
    },
    {
      validator: ({ taskKey }) => {
        const task = open.get(taskKey);
        if (!task || task.claimed)
          refuse(TASK_ERRORS.notOpen, `Nhiệm vụ '${taskKey}' không còn mở (đã hoàn thành hoặc không tồn tại).`);
      },
    },
  );

  // Issue 14 §3: a re-promise of an overdue task. Registering the handler emits nothing: a case without one replays.
  setHandler(
    repromiseTaskUpdate,
    async ({ taskKey, dueDate, reason, actor }) => {
      const task = open.get(taskKey) as OpenTask;
      await condition(() => task.timing !== undefined);
      const { dueAtBefore, repromiseCount, ...timing } = await acts.repromiseTask({
        workflowId,
        taskKey,
        dueDate,
        reason,
        actor,
        at: new Date().toISOString(),
      });
      task.timing = timing;
      task.rewake = true;
      if (earliestStep) showEarliestOpen();
      return { taskId: timing.taskId, taskKey, dueAtBefore, dueAt: timing.dueAt, repromiseCount };
    },
    {
      validator: ({ taskKey }) => {
        const task = open.get(taskKey);
        if (!task || task.claimed)
          refuse(TASK_ERRORS.notOpen, `Nhiệm vụ '${taskKey}' không còn mở (đã hoàn thành hoặc không tồn tại).`);
      },
    },
  );

  // Issue 7 §4: the fan-out of a policy change learns the confirmed due dates, not just that a signal was sent.
  setHandler(retimeForPolicyUpdate, async ({ process: p, step, version }) => {
    const waits = [...open.values()]
      .filter((t) => p === process && t.spec.step === step && !t.claimed)
      .map((t) => ({
        t,
        before: t.timing,
        retimes: t.retimes ?? 0,
        needs: !t.timing || t.timing.policyVersion < version,
      }));
    for (const w of waits) if (w.needs) w.t.retime = true;
    await condition(() => waits.every((w) => !w.needs || !!w.t.claimed || (w.t.retimes ?? 0) > w.retimes));
    return {
      tasks: waits
        .filter((w) => !w.t.claimed && w.t.timing)
        .map(({ t, before, needs }) => {
          const timing = t.timing as TaskTiming;
          return {
            taskId: timing.taskId,
            taskKey: t.taskKey,
            dueAtBefore: (before ?? timing).dueAt,
            dueAt: timing.dueAt,
            policyVersion: timing.policyVersion,
            retimed: needs && timing.policyVersion >= version,
          };
        }),
    };
  });

  /** The next instant at which a reminder or an escalation is due, if any. */
  const nextTimerPoint = (task: OpenTask): number | undefined => {
    const timing = task.timing as TaskTiming;
    const points: number[] = [];
    if (!task.reminded && timing.remindAt) points.push(Date.parse(timing.remindAt));
    const nextEscalation = timing.escalateAt[task.escalationLevel];
    if (nextEscalation) points.push(Date.parse(nextEscalation));
    return points.length ? Math.min(...points) : undefined;
  };

  const fireDueTimers = async (task: OpenTask): Promise<void> => {
    const timing = task.timing as TaskTiming;
    const now = Date.now();
    if (!task.reminded && timing.remindAt && Date.parse(timing.remindAt) <= now) {
      task.reminded = true;
      await acts.remindTask({ workflowId, taskKey: task.taskKey, at: new Date(now).toISOString() });
    }
    while (
      !task.claimed &&
      task.escalationLevel < timing.escalateAt.length &&
      Date.parse(timing.escalateAt[task.escalationLevel]) <= now
    ) {
      task.escalationLevel += 1;
      await acts.escalateTask({
        workflowId,
        taskKey: task.taskKey,
        level: task.escalationLevel,
        at: new Date(now).toISOString(),
      });
      await task.spec.onEscalated?.(task.escalationLevel);
    }
  };

  const run = async (spec: TaskSpec): Promise<TaskCompletion> => {
    const taskKey = spec.taskKey ?? spec.step;
    const task: OpenTask = { spec, taskKey, escalationLevel: 0, reminded: false, retime: false };
    open.set(taskKey, task);
    try {
      return await runOpen(task);
    } finally {
      // Also when the wait is cancelled (a round that ends, a carried-over finding): a completion that
      // arrives later is refused as not open instead of being accepted for a task that no longer waits.
      open.delete(taskKey);
    }
  };

  const runOpen = async (task: OpenTask): Promise<TaskCompletion> => {
    const { spec, taskKey } = task;
    task.timing = await inCause(() =>
      book.openTask({
        workflowId,
        process,
        caseId,
        step: spec.step,
        taskKey,
        title: spec.title,
        assignee: spec.assignee,
        allowedOutcomes: spec.definition.outcomes,
        openedAt: new Date().toISOString(),
        anchorAt: spec.anchorAt,
        ...(spec.payload ? { payload: spec.payload } : {}),
      }),
    );
    if (earliestStep) showEarliestOpen();
    else
      upsertSearchAttributes([
        { key: SA_CURRENT_STEP, value: spec.step },
        { key: SA_STEP_DUE_AT, value: new Date(task.timing.dueAt) },
      ]);

    while (!task.closed) {
      if (task.reassign && !task.claimed) {
        const { assignee, reason, actor } = task.reassign;
        task.reassign = undefined;
        task.spec = { ...task.spec, assignee };
        await acts.reassignTask({ workflowId, taskKey, assignee, reason, actor, at: new Date().toISOString() });
        continue;
      }
      if (task.retime) {
        task.retime = false;
        task.timing = await acts.retimeTask({
          workflowId,
          taskKey,
          now: new Date().toISOString(),
          anchorAt: spec.anchorAt,
        });
        task.retimes = (task.retimes ?? 0) + 1;
        if (task.timing.remindAt) task.reminded = false;
        if (earliestStep) showEarliestOpen();
        continue;
      }
      if (task.rewake) {
        task.rewake = false;
        continue;
      }
      const next = nextTimerPoint(task);
      const wait = next === undefined ? undefined : next - Date.now();
      const woken = () => !!task.closed || task.retime || !!task.reassign || !!task.rewake;
      if (wait === undefined) await condition(woken);
      else if (wait > 0) await condition(woken, wait);
      if (!task.closed && !task.retime && !task.reassign && !task.rewake && !task.claimed) await fireDueTimers(task);
      else if (task.claimed && !task.closed) await condition(() => !!task.closed);
    }
    open.delete(taskKey);
    if (earliestStep) showEarliestOpen();
    return task.closed;
  };

  return { run };
}
