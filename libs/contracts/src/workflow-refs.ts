import type { AdmissionInput, AdmissionResult } from './admission.contracts';
import type { DetectionProgress, DetectionRunInput } from './detection.contracts';
import type {
  CellInspectionInput,
  CellInspectionResult,
  InspectionRoundInput,
  InspectionRoundResult,
} from './inspection.contracts';
import type { DeadlinePolicyFanOutInput, DeadlinePolicyFanOutResult } from './policy.contracts';
import type { AuditDigestInput, AuditDigestResult } from './audit.contracts';
import type { TaskReassignmentInput, TaskReassignmentResult } from './reassignment.contracts';
import type { MailDigestInput, MailDigestResult, MailDispatchInput, SendQueuedMailsResult } from './mail.contracts';
import type {
  ScreeningInput,
  ScreeningIntakeInput,
  ScreeningIntakeResult,
  ScreeningResult,
} from './screening.contracts';
import type { TransferInput, TransferResult } from './transfer.contracts';

/**
 * Every workflow type the worker registers, by its registered name: what it takes and what it
 * returns. workflows/src/workflow-refs.check.ts proves at compile time that this matches the
 * workflow functions exported by workflows/src/index.ts (same names, same parameters, same result).
 */
export type WorkflowSignatures = {
  admissionWorkflow: { args: [AdmissionInput]; result: AdmissionResult };
  screeningWorkflow: { args: [ScreeningInput]; result: ScreeningResult };
  screeningIntakeWorkflow: { args: [ScreeningIntakeInput]; result: ScreeningIntakeResult };
  transferWorkflow: { args: [TransferInput]; result: TransferResult };
  cellInspectionWorkflow: { args: [CellInspectionInput]; result: CellInspectionResult };
  inspectionRoundWorkflow: { args: [InspectionRoundInput]; result: InspectionRoundResult };
  detectionRunWorkflow: { args: [DetectionRunInput]; result: DetectionProgress };
  deadlinePolicyFanOutWorkflow: { args: [DeadlinePolicyFanOutInput]; result: DeadlinePolicyFanOutResult };
  mailDispatchWorkflow: { args: [MailDispatchInput]; result: SendQueuedMailsResult };
  mailDigestWorkflow: { args: [MailDigestInput]; result: MailDigestResult };
  auditDigestWorkflow: { args: [AuditDigestInput]; result: AuditDigestResult };
  taskReassignmentWorkflow: { args: [TaskReassignmentInput]; result: TaskReassignmentResult };
};
export type WorkflowType = keyof WorkflowSignatures;

/**
 * A typed reference to a workflow type: its registered name, as a literal type that keys its
 * arguments and result in `WorkflowSignatures`. Callers outside the worker start workflows through
 * a ref, never by a bare string, so a wrong argument fails to compile (issue 8 §2).
 */
export type WorkflowRef<Name extends WorkflowType = WorkflowType> = { readonly workflowType: Name };

export type WorkflowArgs<R extends WorkflowRef> = WorkflowSignatures[R['workflowType']]['args'];
export type WorkflowResult<R extends WorkflowRef> = WorkflowSignatures[R['workflowType']]['result'];
/** The workflow's function type, as the Temporal client's generics (`start<T>`, `getHandle<T>`…) take it. */
export type WorkflowFunction<R extends WorkflowRef> = (...args: WorkflowArgs<R>) => Promise<WorkflowResult<R>>;

export const workflowRef = <Name extends WorkflowType>(workflowType: Name): WorkflowRef<Name> => ({ workflowType });

export const admissionWorkflowRef = workflowRef('admissionWorkflow');
export const screeningWorkflowRef = workflowRef('screeningWorkflow');
export const screeningIntakeWorkflowRef = workflowRef('screeningIntakeWorkflow');
export const transferWorkflowRef = workflowRef('transferWorkflow');
export const cellInspectionWorkflowRef = workflowRef('cellInspectionWorkflow');
export const inspectionRoundWorkflowRef = workflowRef('inspectionRoundWorkflow');
export const detectionRunWorkflowRef = workflowRef('detectionRunWorkflow');
export const deadlinePolicyFanOutWorkflowRef = workflowRef('deadlinePolicyFanOutWorkflow');
export const mailDispatchWorkflowRef = workflowRef('mailDispatchWorkflow');
export const mailDigestWorkflowRef = workflowRef('mailDigestWorkflow');
export const auditDigestWorkflowRef = workflowRef('auditDigestWorkflow');
export const taskReassignmentWorkflowRef = workflowRef('taskReassignmentWorkflow');
