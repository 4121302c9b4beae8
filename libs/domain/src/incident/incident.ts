import { ADMISSION_PROCESS } from '../admission/admission-steps';
import type { DeadlinePolicy } from '../deadline/deadline-policy';
import { defaultPolicyBuilder, workingDays } from '../deadline/policy-builder';
import { INSPECTION_PROCESS } from '../inspection/inspection-checklist';
import { SCREENING_PROCESS } from '../screening/screening-steps';
import { TRANSFER_PROCESS } from '../transfer/transfer-steps';

/**
 * Incidents (sự cố, issue 7 §2): a step the system cannot get past (a refused database write,
 * a missing record) becomes an administrator's task, as in Camunda Operate. Outcomes: run the
 * step again, skip it (only where the step allows that) or cancel the case; both need a reason.
 */
export const INCIDENT_STEP = 'incident';
export const INCIDENT_OUTCOMES = ['retry', 'skip', 'cancel'] as const;
export type IncidentOutcome = (typeof INCIDENT_OUTCOMES)[number];
/** Task statuses of an incident as counted in reports. */
export const INCIDENT_STATUSES = ['incident_open', 'incident_resolved'] as const;

/** The processes whose workflows open incidents (each needs a deadline policy for the step). */
export const INCIDENT_PROCESSES = [ADMISSION_PROCESS, SCREENING_PROCESS, TRANSFER_PROCESS, INSPECTION_PROCESS] as const;

/** The incident is the administrator's own task: 2 working days, reminded 1 day before [A]. */
export const INCIDENT_DEADLINE_POLICIES: DeadlinePolicy[] = INCIDENT_PROCESSES.map((process) =>
  defaultPolicyBuilder<typeof INCIDENT_STEP>(process)(INCIDENT_STEP, {
    due: workingDays(2),
    remindBefore: workingDays(1),
    anchor: 'task_opened',
    source: '[A] Không có quy định; quản trị hệ thống xử lý sự cố trong 2 ngày làm việc để hồ sơ không bị đình trệ.',
  }),
);
