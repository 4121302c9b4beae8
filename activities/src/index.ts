import type { DataSource } from 'typeorm';
import type { AdmissionActivities, DetectionActivities, HumanTaskActivities, InspectionActivities, PolicyFanOutActivities, ScreeningActivities, TransferActivities } from '@partyflow/contracts';
import { createAdmissionActivities } from './admission/admission.activities';
import { createDetectionActivities } from './detection/detection.activities';
import { createHumanTaskActivities } from './human-task/human-task.activities';
import { createInspectionActivities } from './inspection/inspection.activities';
import { createPolicyFanOutActivities } from './policy/policy-fan-out.activities';
import { createScreeningActivities } from './screening/screening.activities';
import { createTransferActivities } from './transfer/transfer.activities';

export { createAdmissionActivities } from './admission/admission.activities';
export { createDetectionActivities } from './detection/detection.activities';
export { createHumanTaskActivities } from './human-task/human-task.activities';
export { createInspectionActivities } from './inspection/inspection.activities';
export { createPolicyFanOutActivities } from './policy/policy-fan-out.activities';
export { createScreeningActivities } from './screening/screening.activities';
export { createTransferActivities } from './transfer/transfer.activities';
export * from './shared/audit';

export type AllActivities = HumanTaskActivities & AdmissionActivities & InspectionActivities & ScreeningActivities & TransferActivities & DetectionActivities & PolicyFanOutActivities;

/** Every activity the worker registers, built over one data source. */
export function createActivities({ dataSource }: { dataSource: DataSource }): AllActivities {
  return { ...createHumanTaskActivities({ dataSource }), ...createAdmissionActivities({ dataSource }), ...createInspectionActivities({ dataSource }),
    ...createScreeningActivities({ dataSource }), ...createTransferActivities({ dataSource }), ...createDetectionActivities({ dataSource }), ...createPolicyFanOutActivities({ dataSource }) };
}
