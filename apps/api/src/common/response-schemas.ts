import { z } from 'zod';
import { ROLES } from '@partyflow/domain';

/**
 * Building blocks of the response schemas (`<capability>.responses.ts`, issue 10). Objects are strict,
 * so a field the API answers but the schema does not declare fails the e2e check as well.
 */

/** An instant as JSON serialises a Date: ISO 8601 in UTC. */
export const instant = z.string().describe('Thời điểm ISO 8601 (UTC), ví dụ 2026-03-02T01:00:00.000Z');
/** A Vietnamese local date. */
export const localDate = z.string().describe('Ngày theo giờ Việt Nam, YYYY-MM-DD');
export const uuid = z.string().uuid();
export const role = z.enum(ROLES);

/** Any JSON object whose keys depend on the step or the action (task data, audit details). */
export const jsonObject = z.record(z.unknown());

/** One page of a listed endpoint (apps/api/src/common/list-page.ts `Page`). */
export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.strictObject({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** Whom a task is assigned to: a role in an organisation, or one member by name. */
export const Assignee = z.strictObject({ orgId: uuid, role: z.string().nullable(), memberId: uuid.nullable() });

/** A case's audit entries in order (apps/api/src/common/case-timeline.ts). */
export const TimelineEntry = z.strictObject({
  at: instant,
  action: z.string(),
  step: z.string().nullable(),
  actor: z.string(),
  outcome: z.string().nullable(),
  comment: z.string().nullable(),
  details: jsonObject.nullable(),
});

/** Whom a workflow assigns a step to (libs/contracts `Assignee`). */
export const WorkflowAssignee = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('role'), orgId: uuid, role }),
  z.strictObject({ kind: z.literal('member'), orgId: uuid, memberId: uuid }),
]);
