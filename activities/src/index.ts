import type { DataSource } from 'typeorm';
import type { AdmissionActivities, HumanTaskActivities } from '@partyflow/contracts';
import { createAdmissionActivities } from './admission/admission.activities';
import { createHumanTaskActivities } from './human-task/human-task.activities';

export { createAdmissionActivities } from './admission/admission.activities';
export { createHumanTaskActivities } from './human-task/human-task.activities';
export * from './shared/audit';

export type AllActivities = HumanTaskActivities & AdmissionActivities;

/** Every activity the worker registers, built over one data source. */
export function createActivities({ dataSource }: { dataSource: DataSource }): AllActivities {
  return { ...createHumanTaskActivities({ dataSource }), ...createAdmissionActivities({ dataSource }) };
}
