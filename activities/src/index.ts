import type { DataSource } from 'typeorm';
import type { MailConfig } from '@partyflow/config';
import type {
  AdmissionActivities,
  AuditActivities,
  ReassignmentActivities,
  DetectionActivities,
  HumanTaskActivities,
  IncidentActivities,
  InspectionActivities,
  MailActivities,
  PolicyFanOutActivities,
  ScreeningActivities,
  TransferActivities,
} from '@partyflow/contracts';
import { createAdmissionActivities } from './admission/admission.activities';
import { createAuditActivities } from './audit/audit-digest.activities';
import { createReassignmentActivities } from './reassignment/task-reassignment.activities';
import { createDetectionActivities } from './detection/detection.activities';
import { createHumanTaskActivities } from './human-task/human-task.activities';
import { createIncidentActivities } from './incident/incident.activities';
import { createInspectionActivities } from './inspection/inspection.activities';
import { createMailActivities } from './mail/mail.activities';
import { createPolicyFanOutActivities } from './policy/policy-fan-out.activities';
import { createScreeningActivities } from './screening/screening.activities';
import { createTransferActivities } from './transfer/transfer.activities';
import { withPermanentFailures } from './shared/failures';

export { createAdmissionActivities } from './admission/admission.activities';
export { createAuditActivities } from './audit/audit-digest.activities';
export { createReassignmentActivities } from './reassignment/task-reassignment.activities';
export { createDetectionActivities } from './detection/detection.activities';
export { createHumanTaskActivities } from './human-task/human-task.activities';
export { createInspectionActivities } from './inspection/inspection.activities';
export { createPolicyFanOutActivities } from './policy/policy-fan-out.activities';
export { createScreeningActivities } from './screening/screening.activities';
export { createTransferActivities } from './transfer/transfer.activities';
export { createIncidentActivities } from './incident/incident.activities';
export { createMailActivities, messageIdOf } from './mail/mail.activities';
export { permanentDatabaseFailure, withPermanentFailures } from './shared/failures';

export type AllActivities = HumanTaskActivities &
  AdmissionActivities &
  InspectionActivities &
  ScreeningActivities &
  TransferActivities &
  DetectionActivities &
  IncidentActivities &
  PolicyFanOutActivities &
  MailActivities &
  AuditActivities &
  ReassignmentActivities;

/** No SMTP server: mails are queued, never sent. */
const NO_MAIL: MailConfig = {
  smtp: undefined,
  from: 'Partyflow <partyflow@localhost>',
  webBaseUrl: '',
  digestTime: { hour: 7, minute: 0 },
  sendIntervalSeconds: 60,
  maxAttempts: 1,
  batchSize: 1,
  demo: { smtpPort: 0, viewerPort: 0 },
};

/**
 * Every activity the worker registers, built over one data source. A permanent database error
 * (SQLSTATE class 22 or 23) is turned into a non-retryable failure here, once for all of them.
 * `mail`: the e-mail settings (issue 12 §5); without them (tests of other things) no SMTP server is configured
 * and queued mails stay queued.
 */
export function createActivities({ dataSource, mail }: { dataSource: DataSource; mail?: MailConfig }): AllActivities {
  return withPermanentFailures({
    ...createHumanTaskActivities({ dataSource }),
    ...createAdmissionActivities({ dataSource }),
    ...createInspectionActivities({ dataSource }),
    ...createScreeningActivities({ dataSource }),
    ...createTransferActivities({ dataSource }),
    ...createDetectionActivities({ dataSource }),
    ...createIncidentActivities({ dataSource }),
    ...createPolicyFanOutActivities({ dataSource }),
    ...createMailActivities({ dataSource, mail: mail ?? NO_MAIL }),
    ...createAuditActivities({ dataSource }),
    ...createReassignmentActivities({ dataSource }),
  });
}
