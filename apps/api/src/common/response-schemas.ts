import { z } from 'zod';
import { ROLES } from '@partyflow/domain';

/**
 * Building blocks of the response schemas (`<capability>.responses.ts`, issue 10). Objects are strict,
 * so a field the API answers but the schema does not declare fails the e2e check as well.
 */

/** An instant as JSON serialises a Date: ISO 8601 in UTC. */
export const instant = z
  .string()
  .datetime({ offset: true })
  .describe('Thời điểm ISO 8601 (UTC), ví dụ 2026-03-02T01:00:00.000Z');
/** A Vietnamese local date (never the UTC date of an instant). */
export const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('Ngày theo giờ Việt Nam, YYYY-MM-DD');
/** A month. */
export const yearMonth = z
  .string()
  .regex(/^\d{4}-\d{2}$/)
  .describe('YYYY-MM');
export const uuid = z.string().uuid();
export const role = z.enum(ROLES);

/** Any JSON object whose keys depend on the step or the action (task data, audit details). */
export const jsonObject = z.record(z.unknown());

/** One page of a list paged by cursor (apps/api/src/common/keyset.ts `CursorPage`, issue 13 §3). */
export const cursorPageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.strictObject({
    items: z.array(item),
    pageSize: z.number().int().describe('số dòng tối đa của một trang'),
    next: z.string().nullable().describe('con trỏ của trang sau (tham số cursor); null ở trang cuối'),
    total: z.number().int().describe('số dòng khớp; ước lượng khi totalExact là false'),
    totalExact: z.boolean().describe('false: total là ước lượng (hơn 10.000 dòng)'),
  });

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
