import { z } from 'zod';
import { EVIDENCE_KINDS, MEMBER_STATUSES } from '@partyflow/domain';
import { Assignee, instant, localDate, uuid } from '../common/response-schemas';

/** POST /admission-cases. */
export const StartAdmissionResponse = z.strictObject({ caseId: uuid, workflowId: z.string() });

const AdmissionStatus = z.enum(['in_progress', 'probationary', 'official', 'rejected', 'not_recognised', 'cancelled']);

/** GET /admission-cases/:id: the case row, its candidate, the workflow's state and every step. */
export const AdmissionCaseResponse = z.strictObject({
  id: uuid,
  workflowId: z.string(),
  status: z.union([AdmissionStatus, z.literal('start_failed')]),
  currentStep: z.string().nullable(),
  endStep: z.string().nullable(),
  endReason: z.string().nullable(),
  candidate: z.strictObject({ id: uuid, fullName: z.string(), status: z.enum(MEMBER_STATUSES) }),
  startedAt: instant,
  startedBy: z.string(),
  endedAt: instant.nullable(),
  decidedOn: localDate.nullable(),
  ceremonyOn: localDate.nullable(),
  officialOn: localDate.nullable(),
  criteria: z.strictObject({
    checkedOn: localDate.nullable(),
    set: z.strictObject({ id: uuid, name: z.string(), documentRef: z.string().nullable() }).nullable(),
  }),
  workflowState: z
    .strictObject({
      status: AdmissionStatus,
      currentStep: z.string(),
      decidedOn: localDate.optional(),
      ceremonyOn: localDate.optional(),
      officialOn: localDate.optional(),
      recognitionVotes: z.number().int(),
      evidenceHold: z
        .strictObject({
          step: z.string(),
          since: instant,
          stale: z.array(
            z.strictObject({
              key: z.string(),
              kind: z.enum(EVIDENCE_KINDS),
              label: z.string(),
              datedOn: localDate.nullable(),
              validUntil: localDate.nullable(),
              reason: z.string(),
            }),
          ),
        })
        .optional()
        .describe('issue 14 §4: the vote held because evidence went stale, and why; absent when none is held'),
    })
    .nullable()
    .describe('null when the workflow is gone'),
  steps: z.array(
    z.strictObject({
      taskId: uuid,
      taskKey: z.string(),
      step: z.string(),
      title: z.string(),
      status: z.enum(['open', 'overdue', 'completed', 'cancelled']),
      assignee: Assignee,
      openedAt: instant,
      dueAt: instant,
      escalationLevel: z.number().int(),
      outcome: z.string().nullable(),
      comment: z.string().nullable(),
      completedBy: z.string().nullable(),
      completedAt: instant.nullable(),
      deadlineMet: z.boolean().nullable().describe('null while open'),
    }),
  ),
});
