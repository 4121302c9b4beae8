import type { DeadlinePolicy, Duration } from './deadline-policy';

export const workingDays = (amount: number): Duration => ({ amount, unit: 'working_days' });

/** Shared by every default policy: escalate every 5 working days, two levels [A]. */
const ESCALATION = { escalateEvery: workingDays(5), maxEscalationLevel: 2 } as const;
const ESCALATION_NOTE = 'Nhắc hạn và chuyển cấp (5 ngày làm việc, 2 cấp) là giả định [A].';

export type PolicyFields = Pick<DeadlinePolicy, 'due' | 'remindBefore' | 'anchor' | 'source'>;

/** The default-policy builder of one process: its own due date, reminder and anchor; the shared escalation. */
export function defaultPolicyBuilder<Step extends string>(
  process: string,
): (step: Step, fields: PolicyFields) => DeadlinePolicy {
  return (step, fields) => ({ process, step, ...ESCALATION, ...fields, source: `${fields.source} ${ESCALATION_NOTE}` });
}
