import { types as pgTypes } from 'pg';
import { DataSource } from 'typeorm';
import { AdmissionCaseEntity } from './entities/admission-case.entity';
import {
  AuditDigestEntity,
  AuditLogEntity,
  AuditSealEntity,
  NotificationEntity,
  NotificationReadEntity,
} from './entities/audit-log.entity';
import {
  AdmissionQuotaEntity,
  CriteriaSetEntity,
  DelegationGrantEntity,
  ProxyGrantEntity,
  SubstitutionEntity,
} from './entities/authority.entity';
import {
  DeadlinePolicyEntity,
  DeadlinePolicyOperationEntity,
  DeadlinePolicyOverrideEntity,
  DeadlinePolicyPinEntity,
  DeadlinePolicyPreviewEntity,
  HolidayEntity,
} from './entities/deadline-policy.entity';
import { HumanTaskEntity, TaskReassignmentEntity } from './entities/human-task.entity';
import { ImportEntity } from './entities/import.entity';
import { LoginThrottleEntity } from './entities/login-throttle.entity';
import { MailOutboxEntity } from './entities/mail-outbox.entity';
import { MemberGradingEntity } from './entities/member-grading.entity';
import { MemberEntity } from './entities/member.entity';
import { OrganisationEntity } from './entities/organisation.entity';
import { RoleAssignmentEntity, UserEntity } from './entities/user.entity';
import { InitialSchema1764115200000 } from './migrations/1764115200000-initial-schema';
import { Inspections1764288000000 } from './migrations/1764288000000-inspections';
import {
  CellInspectionEntity,
  InspectionFindingEntity,
  InspectionProgrammeEntity,
  InspectionRoundEntity,
  RemediationEntity,
} from './entities/inspection.entity';
import { ActivityRecordsAndScreening1764201600000 } from './migrations/1764201600000-activity-records-and-screening';
import { QuotasAndDelegation1764288000001 } from './migrations/1764288000001-quotas-and-delegation';
import { Incidents1764374400000 } from './migrations/1764374400000-incidents';
import { WorkflowStartsAndPolicyOperations1764460800101 } from './migrations/1764460800101-workflow-starts-and-policy-operations';
import { RemoveEligibilityPolicy1764547200801 } from './migrations/1764547200801-remove-eligibility-policy';
import { OrganisationLifecycleAndReading1764633600100 } from './migrations/1764633600100-organisation-lifecycle-and-reading';
import { HolidayCalendar1764633600200 } from './migrations/1764633600200-holiday-calendar';
import { MemberRecords1764633600300 } from './migrations/1764633600300-member-records';
import { UsersAndRoles1764633600400 } from './migrations/1764633600400-users-and-roles';
import { CriteriaSets1764633600500 } from './migrations/1764633600500-criteria-sets';
import { Imports1764720000100 } from './migrations/1764720000100-imports';
import { LoginThrottle1764806400100 } from './migrations/1764806400100-login-throttle';
import { DeadlinePolicyOverrides1764806400400 } from './migrations/1764806400400-deadline-policy-overrides';
import { SessionsValidFrom1764806400500 } from './migrations/1764806400500-sessions-valid-from';
import { AuditLogActionIndex1764892800600 } from './migrations/1764892800600-audit-log-action-index';
import { Mail1764892800700 } from './migrations/1764892800700-mail';
import { ScaleIndexes1764979200100 } from './migrations/1764979200100-scale-indexes';
import { ListOrderIndexes1765065600200 } from './migrations/1765065600200-list-order-indexes';
import { OpenTaskDueOrder1765152000100 } from './migrations/1765152000100-open-task-due-order';
import { MemberSearchKeyColumn1765238400100 } from './migrations/1765238400100-member-search-key-column';
import { AuditLogPlace1765238400200 } from './migrations/1765238400200-audit-log-place';
import { AuditLedger1765324800100 } from './migrations/1765324800100-audit-ledger';
import { DeadlineChangePreview1765324800200 } from './migrations/1765324800200-deadline-change-preview';
import { ProxyWork1765324800300 } from './migrations/1765324800300-proxy-work';
import { TaskRepromise1765324800400 } from './migrations/1765324800400-task-repromise';
import { TaskReassignment1765324800500 } from './migrations/1765324800500-task-reassignment';
import { TaskSubstitution1765324800600 } from './migrations/1765324800600-task-substitution';
import { AuditLogPlaceOlder1765324800700 } from './migrations/1765324800700-audit-log-place-older';
import {
  DisciplineRecordEntity,
  DuesPaymentEntity,
  MeetingAttendanceEntity,
  PartyTransferEntity,
  ResidenceCommentEntity,
} from './entities/activity-records.entity';
import {
  DetectionRunEntity,
  ScreeningCaseEntity,
  ScreeningFlagEntity,
  ScreeningProgressNoteEntity,
} from './entities/screening.entity';

export const ENTITIES = [
  OrganisationEntity,
  MemberEntity,
  MemberGradingEntity,
  UserEntity,
  RoleAssignmentEntity,
  DeadlinePolicyEntity,
  HolidayEntity,
  HumanTaskEntity,
  AuditLogEntity,
  AuditSealEntity,
  AuditDigestEntity,
  NotificationEntity,
  NotificationReadEntity,
  AdmissionCaseEntity,
  DelegationGrantEntity,
  ProxyGrantEntity,
  CriteriaSetEntity,
  AdmissionQuotaEntity,
  MeetingAttendanceEntity,
  DuesPaymentEntity,
  PartyTransferEntity,
  DisciplineRecordEntity,
  ResidenceCommentEntity,
  ScreeningFlagEntity,
  ScreeningCaseEntity,
  ScreeningProgressNoteEntity,
  DetectionRunEntity,
  InspectionProgrammeEntity,
  InspectionRoundEntity,
  CellInspectionEntity,
  InspectionFindingEntity,
  RemediationEntity,
  DeadlinePolicyOperationEntity,
  ImportEntity,
  LoginThrottleEntity,
  DeadlinePolicyOverrideEntity,
  DeadlinePolicyPreviewEntity,
  DeadlinePolicyPinEntity,
  TaskReassignmentEntity,
  MailOutboxEntity,
  SubstitutionEntity,
];
export const MIGRATIONS = [
  InitialSchema1764115200000,
  ActivityRecordsAndScreening1764201600000,
  Inspections1764288000000,
  QuotasAndDelegation1764288000001,
  Incidents1764374400000,
  WorkflowStartsAndPolicyOperations1764460800101,
  RemoveEligibilityPolicy1764547200801,
  OrganisationLifecycleAndReading1764633600100,
  HolidayCalendar1764633600200,
  MemberRecords1764633600300,
  UsersAndRoles1764633600400,
  CriteriaSets1764633600500,
  Imports1764720000100,
  LoginThrottle1764806400100,
  DeadlinePolicyOverrides1764806400400,
  SessionsValidFrom1764806400500,
  AuditLogActionIndex1764892800600,
  Mail1764892800700,
  ScaleIndexes1764979200100,
  ListOrderIndexes1765065600200,
  OpenTaskDueOrder1765152000100,
  MemberSearchKeyColumn1765238400100,
  AuditLogPlace1765238400200,
  AuditLedger1765324800100,
  DeadlineChangePreview1765324800200,
  ProxyWork1765324800300,
  TaskRepromise1765324800400,
  TaskReassignment1765324800500,
  TaskSubstitution1765324800600,
  AuditLogPlaceOlder1765324800700,
];

/**
 * `connectTimeoutMs`: how long a query waits for a connection of the pool (a new one to the server, or a free one
 * when all `poolSize` are busy) before it fails with node-postgres' "timeout exceeded when trying to connect",
 * which the API answers as 503 DATABASE_UNAVAILABLE: never a request that waits for ever (DATABASE_CONNECT_TIMEOUT_MS).
 */
export type DataSourceOptions = { url: string; poolSize?: number; logging?: boolean; connectTimeoutMs?: number };

/** The default of `connectTimeoutMs` (and of DATABASE_CONNECT_TIMEOUT_MS). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

const DATE_OID = 1082;
const DATE_ARRAY_OID = 1182;
const TEXT_ARRAY_OID = 1009;

/**
 * A PostgreSQL `date` is a local calendar date: it comes back as the 'YYYY-MM-DD' string, never as
 * the JS Date that node-postgres makes of it by default (midnight in the host zone, then serialised
 * as '2001-04-11T17:00:00.000Z' or '2001-04-12T00:00:00.000Z' depending on that zone) [issue 7 §1].
 * Applies to raw queries as well as to entities; per pool, so nothing global is changed.
 */
const byOid = pgTypes.getTypeParser as (oid: number, format: 'text' | 'binary') => (value: string) => unknown;

export const PG_TYPES = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => {
    if (oid === DATE_OID) return (value: string) => value;
    return byOid(oid === DATE_ARRAY_OID ? TEXT_ARRAY_OID : oid, format ?? 'text');
  },
};

/** A PostgreSQL data source. Schema changes come from migrations only; synchronize stays off. */
export function createDataSource({
  url,
  poolSize = 10,
  logging = false,
  connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS,
}: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging,
    extra: { max: poolSize, types: PG_TYPES, connectionTimeoutMillis: connectTimeoutMs },
  });
}

/** Any fixed number: the key of the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK_KEY = 7_263_001;

/** Connects and applies pending migrations; the API and the worker may start at the same time. */
export async function openDatabase(options: DataSourceOptions): Promise<DataSource> {
  const ds = createDataSource(options);
  await ds.initialize();
  const runner = ds.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
  return ds;
}
