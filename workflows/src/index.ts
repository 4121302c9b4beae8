// The workflow bundle's entry: every workflow type the worker registers.
export { admissionWorkflow } from './admission/admission.workflow';
export { screeningWorkflow } from './screening/screening.workflow';
export { screeningIntakeWorkflow } from './screening/screening-intake.workflow';
export { transferWorkflow } from './transfer/transfer.workflow';
export { cellInspectionWorkflow } from './inspection/cell-inspection.workflow';
export { inspectionRoundWorkflow } from './inspection/inspection-round.workflow';
export { detectionRunWorkflow } from './detection/detection-run.workflow';
export { deadlinePolicyFanOutWorkflow } from './policy/deadline-policy-fan-out.workflow';
export { mailDispatchWorkflow, mailDigestWorkflow } from './mail/mail.workflow';
export { auditDigestWorkflow } from './audit/audit-digest.workflow';
export { taskReassignmentWorkflow } from './reassignment/task-reassignment.workflow';
