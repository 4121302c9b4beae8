import {
  ApplicationFailure,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ZodTypeAny } from 'zod';
import {
  completeTaskUpdate,
  deadlinePolicyChangedSignal,
  openTasksQuery,
  reassignTaskSignal,
  SA_CURRENT_STEP,
  SA_STEP_DUE_AT,
  TASK_ERRORS,
  type Actor,
  type Assignee,
  type CompleteTaskInput,
  type HumanTaskActivities,
  type TaskTiming,
} from '@partyflow/contracts';
import { DATABASE_ACTIVITY } from '../shared/activity-options';

// Task bookkeeping writes to PostgreSQL.
const acts = proxyActivities<HumanTaskActivities>(DATABASE_ACTIVITY);

export type TaskDefinition = {
  outcomes: readonly string[];
  data: ZodTypeAny;
  /** A further check of a well-formed completion (e.g. a vote outcome must match its counts). */
  check?: (input: CompleteTaskInput) => string | undefined;
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
  /** A reassignment waiting to be written by the task's own loop. */
  reassign?: { assignee: Assignee; reason: string; actor: Actor };
  /** Set by the update handler before it writes, so a duplicate completion is refused at once. */
  claimed?: CompleteTaskInput;
  closed?: TaskCompletion;
};

export type HumanTasks = {
  run(spec: TaskSpec): Promise<TaskCompletion>;
};

const reject = (type: string, message: string): never => {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
};

/**
 * The human-task pattern, written once for every process (ARCHITECTURE.md): open a task through
 * an activity, wait with a reminder and escalation timers that follow deadline-policy changes,
 * accept completion only through the validated `completeTask` update, then close the task row.
 * Call once at the start of a workflow, before anything awaits.
 */
export function installHumanTasks({ process, caseId }: { process: string; caseId: string }): HumanTasks {
  const { workflowId } = workflowInfo();
  const open = new Map<string, OpenTask>();

  setHandler(
    completeTaskUpdate,
    async (input) => {
      const task = open.get(input.taskKey) as OpenTask;
      task.claimed = input;
      await condition(() => task.timing !== undefined);
      const completedAt = new Date().toISOString();
      await acts.closeTask({ workflowId, taskKey: input.taskKey, outcome: input.outcome, comment: input.comment, data: input.data, actor: input.actor, at: completedAt });
      task.closed = { taskKey: input.taskKey, outcome: input.outcome, comment: input.comment, data: input.data ?? {}, actor: input.actor, completedAt };
      return { taskId: (task.timing as TaskTiming).taskId, taskKey: input.taskKey, outcome: input.outcome, completedAt };
    },
    {
      validator: (input) => {
        const task = open.get(input?.taskKey);
        if (!task || task.claimed) reject(TASK_ERRORS.notOpen, `Nhiệm vụ '${input?.taskKey}' không còn mở (đã hoàn thành hoặc không tồn tại).`);
        const def = (task as OpenTask).spec.definition;
        if (!def.outcomes.includes(input.outcome)) {
          reject(TASK_ERRORS.outcomeNotAllowed, `outcome: '${input.outcome}' không hợp lệ cho bước này; chỉ chấp nhận: ${def.outcomes.join(', ')}.`);
        }
        const parsed = def.data.safeParse(input.data ?? {});
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          reject(TASK_ERRORS.invalidData, `data.${issue.path.join('.')}: ${issue.message}`);
        }
        const problem = def.check?.(input);
        if (problem) reject(TASK_ERRORS.invalidData, problem);
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

  setHandler(openTasksQuery, () =>
    [...open.values()]
      .filter((t) => t.timing && !t.claimed)
      .map((t) => ({
        taskId: (t.timing as TaskTiming).taskId,
        taskKey: t.taskKey,
        step: t.spec.step,
        assignee: t.spec.assignee,
        allowedOutcomes: t.spec.definition.outcomes,
        dueAt: (t.timing as TaskTiming).dueAt,
        escalationLevel: t.escalationLevel,
      })),
  );

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
    while (!task.claimed && task.escalationLevel < timing.escalateAt.length && Date.parse(timing.escalateAt[task.escalationLevel]) <= now) {
      task.escalationLevel += 1;
      await acts.escalateTask({ workflowId, taskKey: task.taskKey, level: task.escalationLevel, at: new Date(now).toISOString() });
      await task.spec.onEscalated?.(task.escalationLevel);
    }
  };

  const run = async (spec: TaskSpec): Promise<TaskCompletion> => {
    const taskKey = spec.taskKey ?? spec.step;
    const task: OpenTask = { spec, taskKey, escalationLevel: 0, reminded: false, retime: false };
    open.set(taskKey, task);
    task.timing = await acts.openTask({
      workflowId, process, caseId, step: spec.step, taskKey, title: spec.title, assignee: spec.assignee,
      allowedOutcomes: spec.definition.outcomes, openedAt: new Date().toISOString(), anchorAt: spec.anchorAt,
      ...(spec.payload ? { payload: spec.payload } : {}),
    });
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
        task.timing = await acts.retimeTask({ workflowId, taskKey, now: new Date().toISOString(), anchorAt: spec.anchorAt });
        if (task.timing.remindAt) task.reminded = false;
        continue;
      }
      const next = nextTimerPoint(task);
      const wait = next === undefined ? undefined : next - Date.now();
      const woken = () => !!task.closed || task.retime || !!task.reassign;
      if (wait === undefined) await condition(woken);
      else if (wait > 0) await condition(woken, wait);
      if (!task.closed && !task.retime && !task.reassign && !task.claimed) await fireDueTimers(task);
      else if (task.claimed && !task.closed) await condition(() => !!task.closed);
    }
    open.delete(taskKey);
    return task.closed;
  };

  return { run };
}
