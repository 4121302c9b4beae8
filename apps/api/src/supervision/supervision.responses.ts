import { z } from 'zod';
import { ORG_KINDS } from '@partyflow/domain';
import { cursorPageOf, localDate, uuid } from '../common/response-schemas';
import { TaskResponse } from '../tasks/tasks.responses';

/** An organisation on the way from the supervised organisation down to a task's. */
export const OrgStep = z.strictObject({ id: uuid, code: z.string(), name: z.string(), kind: z.enum(ORG_KINDS) });

/**
 * A task seen by a supervisor (GET /supervision/overdue-tasks, /supervision/incidents): the task view, the case's
 * subject, and the organisations from the supervised one down to the assignee's, so the page builds its tree.
 */
export const SupervisedTaskResponse = TaskResponse.extend({
  orgs: z.array(OrgStep).describe('từ tổ chức được giám sát xuống tổ chức được giao nhiệm vụ'),
});

/** A page of them (issue 13 §3). */
export const SupervisedTaskPageResponse = cursorPageOf(SupervisedTaskResponse);

/** On time / late counts (libs/domain `TimelinessSummary`). */
const Timeliness = {
  total: z.number().int(),
  onTime: z.number().int().describe('đúng hạn'),
  late: z.number().int().describe('trễ hạn: hoàn thành sau hạn hoặc quá hạn chưa hoàn thành'),
  completedLate: z.number().int(),
  openOverdue: z.number().int(),
  openPending: z.number().int(),
  onTimeRate: z.number().nullable().describe('tỷ lệ đúng hạn (%), một chữ số thập phân'),
};

/** GET /supervision/on-time: tasks due in the period in the reader's subtree, per organisation and per step. */
export const OnTimeResponse = z.strictObject({
  period: z.strictObject({ from: localDate, to: localDate }),
  total: z.strictObject(Timeliness),
  byOrg: z.array(z.strictObject({ org: OrgStep, ...Timeliness })),
  byStep: z.array(
    z.strictObject({
      process: z.string(),
      processLabel: z.string(),
      step: z.string(),
      stepLabel: z.string(),
      ...Timeliness,
    }),
  ),
});
