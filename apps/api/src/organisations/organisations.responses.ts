import { z } from 'zod';
import { ORG_KINDS } from '@partyflow/domain';
import { openApiSchema } from '../common/openapi';
import { cursorPageOf, instant, uuid, WorkflowAssignee } from '../common/response-schemas';

/** A party organisation (organisations.service.ts `toView`). */
export const OrganisationResponse = z.strictObject({
  id: uuid,
  code: z.string(),
  name: z.string(),
  kind: z.enum(ORG_KINDS),
  kindLabel: z.string(),
  parentId: uuid.nullable(),
  depth: z.number().int(),
  path: z.string().describe('đường dẫn các UUID tổ tiên, gốc trước'),
  status: z.enum(['active', 'closed']),
  statusLabel: z.string(),
  createdAt: instant,
  closedAt: instant.nullable(),
  closedBy: z.string().nullable(),
  closeReason: z.string().nullable(),
});

/** GET /organisations: a page by depth, then code. */
export const OrganisationPageResponse = cursorPageOf(OrganisationResponse);

type Node = z.infer<typeof OrganisationResponse> & { children: Node[] };
/** GET /organisations/tree: nested organisations. */
export const OrganisationNodeResponse: z.ZodType<Node> = OrganisationResponse.extend({
  children: z.lazy(() => z.array(OrganisationNodeResponse)),
});
/** Its OpenAPI component, written out: the children refer to the component itself. */
export const ORGANISATION_NODE_COMPONENT = 'OrganisationNode';
export function organisationNodeJsonSchema(): Record<string, unknown> {
  const json = openApiSchema(OrganisationResponse) as { properties: Record<string, unknown>; required: string[] };
  return {
    ...json,
    properties: {
      ...json.properties,
      children: { type: 'array', items: { $ref: `#/components/schemas/${ORGANISATION_NODE_COMPONENT}` } },
    },
    required: [...json.required, 'children'],
  };
}

const Relocation = z.strictObject({
  caseId: uuid,
  workflowId: z.string(),
  grassrootsOrgId: uuid,
  competentOrgId: uuid,
  orgCodes: z.array(z.string()),
});
const Failure = { workflowId: z.string(), reason: z.string() };

/** POST /organisations/:id/move: what moved with the organisation. */
export const MoveOrganisationResponse = z.strictObject({
  organisation: OrganisationResponse,
  from: z.strictObject({ parentId: uuid.nullable(), path: z.string() }),
  to: z.strictObject({ parentId: uuid, path: z.string() }),
  updated: z.strictObject({
    organisations: z.number().int(),
    humanTasks: z.number().int(),
    admissionCases: z.number().int(),
    screeningCases: z.number().int(),
    cellInspections: z.number().int(),
  }),
  movedTasks: z.array(
    z.strictObject({ taskId: uuid, workflowId: z.string(), from: WorkflowAssignee, to: WorkflowAssignee }),
  ),
  failedMoves: z.array(z.strictObject({ taskId: uuid, ...Failure })),
  relocatedCases: z.array(Relocation),
  failedRelocations: z.array(z.strictObject({ caseId: uuid, ...Failure })),
});
