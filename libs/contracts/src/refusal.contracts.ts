import { SCREENING_ERRORS, type ScreeningErrorCode } from './screening.contracts';
import { TASK_ERRORS, type TaskErrorCode } from './human-task.contracts';

/**
 * How a workflow refuses an update (issue 7 §7): an ApplicationFailure whose `type` is the typed
 * code and whose first detail is this object. The API reads code and field from here, never from
 * the message text, which stays `field: reason` for people reading the Temporal UI.
 */
export type WorkflowRefusalCode = TaskErrorCode | ScreeningErrorCode;
export type RefusalDetails = { code: WorkflowRefusalCode; field?: string; reason: string };

/** Every refusal code, one list per capability; the API's mapper must cover each one. */
export const WORKFLOW_REFUSAL_CODES: readonly WorkflowRefusalCode[] = [
  ...Object.values(TASK_ERRORS),
  ...Object.values(SCREENING_ERRORS),
];

export const isWorkflowRefusalCode = (value: unknown): value is WorkflowRefusalCode =>
  WORKFLOW_REFUSAL_CODES.includes(value as WorkflowRefusalCode);

/**
 * The refusal a failure carries, by its type; field and reason come from the details. A refusal
 * without details (raised by a worker older than issue 7) keeps its whole message and names no field.
 */
export function readRefusal(failure: {
  type?: string | null;
  message: string;
  details?: unknown[] | null;
}): RefusalDetails | undefined {
  if (!isWorkflowRefusalCode(failure.type)) return undefined;
  const first = (failure.details?.[0] ?? {}) as Partial<RefusalDetails>;
  return {
    code: failure.type,
    reason: typeof first.reason === 'string' ? first.reason : failure.message,
    ...(typeof first.field === 'string' ? { field: first.field } : {}),
  };
}
