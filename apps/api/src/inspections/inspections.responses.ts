import { z } from 'zod';
import {
  FINDING_RESULTS,
  INSPECTION_ITEMS,
  INSPECTION_ROUND_STATUSES,
  INSPECTION_SCOPES,
  REMEDIATION_STATUSES,
} from '@partyflow/domain';
import { instant, localDate, uuid } from '../common/response-schemas';

/** An inspection programme (inspections.service.ts `programmeView`). */
export const InspectionProgrammeResponse = z.strictObject({
  id: uuid,
  inspectingOrg: z.strictObject({ id: uuid, code: z.string(), name: z.string() }),
  scope: z.enum(INSPECTION_SCOPES),
  scopeLabel: z.string(),
  intervalMonths: z.number().int(),
  maxRemediationAttempts: z.number().int(),
  scheduleId: z.string(),
  active: z.boolean(),
  createdBy: z.string(),
  createdAt: instant,
  updatedAt: instant,
});

/** The programme's Temporal Schedule as described (inspection-schedules.client.ts `ScheduleView`). */
export const InspectionScheduleResponse = z.strictObject({
  scheduleId: z.string(),
  paused: z.boolean(),
  note: z.string().nullable(),
  startMonths: z.array(z.number().int()),
  nextRunTimes: z.array(instant),
  policies: z.strictObject({ overlap: z.string().nullable(), catchupWindowMs: z.number() }),
  recentRounds: z.array(z.strictObject({ workflowId: z.string(), scheduledAt: instant, takenAt: instant })),
  runningRounds: z.array(z.string()),
});

/** A programme with its schedule: create, get, pause, resume, trigger, interval. */
export const InspectionProgrammeDetailResponse = InspectionProgrammeResponse.extend({
  schedule: InspectionScheduleResponse,
});

/** One round of a programme (GET /inspection-programmes/:id/rounds). */
export const InspectionRoundResponse = z.strictObject({
  id: uuid,
  programmeId: uuid,
  workflowId: z.string(),
  startedOn: localDate,
  reviewFrom: localDate,
  reviewTo: localDate,
  endsOn: localDate,
  status: z.enum(INSPECTION_ROUND_STATUSES),
  statusLabel: z.string(),
  startedAt: instant,
  announcedAt: instant.nullable(),
  closedAt: instant.nullable(),
});

/** GET /inspection-rounds/:id: a round with its cells, their status and number of shortcomings. */
export const InspectionRoundDetailResponse = InspectionRoundResponse.extend({
  cells: z.array(
    z.strictObject({
      id: uuid,
      cellOrgId: uuid,
      cellName: z.string(),
      status: z.string(),
      shortcomings: z.number().int(),
    }),
  ),
});

const Remediation = z.strictObject({
  id: uuid,
  findingId: uuid,
  cellOrgId: uuid,
  item: z.enum(INSPECTION_ITEMS),
  status: z.enum(REMEDIATION_STATUSES),
  attempts: z.number().int(),
  escalated: z.boolean(),
  carriedFromRemediationId: uuid.nullable(),
  actionTaken: z.string().nullable(),
  fixedAt: instant.nullable(),
  verifiedByName: z.string().nullable(),
  verifiedAt: instant.nullable(),
  carriedOverAt: instant.nullable(),
  openedAt: instant,
});

/** GET /cell-inspections/:id: the team, each item with its pre-filled value and finding, remediation, tasks. */
export const CellInspectionResponse = z.strictObject({
  id: uuid,
  roundId: uuid,
  cellOrgId: uuid,
  orgPath: z.string(),
  workflowId: z.string(),
  teamUserIds: z.array(uuid),
  status: z.string(),
  checkedAt: instant.nullable(),
  closedAt: instant.nullable(),
  findings: z.array(
    z.strictObject({
      id: uuid,
      inspectionId: uuid,
      item: z.enum(INSPECTION_ITEMS),
      result: z.enum(FINDING_RESULTS).nullable(),
      prefilledValue: z.string().nullable(),
      prefilledResult: z.enum(FINDING_RESULTS).nullable(),
      prefillSource: z.string().nullable(),
      carriedFromRemediationId: uuid.nullable(),
      note: z.string().nullable(),
      confirmedByUserId: uuid.nullable(),
      confirmedByName: z.string().nullable(),
      confirmedAt: instant.nullable(),
      label: z.string(),
      rule: z.string(),
      remediation: Remediation.nullable(),
    }),
  ),
  tasks: z.array(
    z.strictObject({
      id: uuid,
      taskKey: z.string(),
      step: z.string(),
      status: z.string(),
      dueAt: instant,
      escalationLevel: z.number().int(),
      outcome: z.string().nullable(),
      completedBy: z.string().nullable(),
    }),
  ),
});
