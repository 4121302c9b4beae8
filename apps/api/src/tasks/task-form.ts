import type { z } from 'zod';
import { ADMISSION_TASKS, INSPECTION_TASKS, SCREENING_TASKS, TRANSFER_TASKS } from '@partyflow/contracts';
import {
  fieldLabelVi,
  INCIDENT_STEP,
  labelVi,
  requiredVotes,
  voteStepRule,
  type VoteRoster,
  type VoteStepRule,
} from '@partyflow/domain';
import { openApiSchema } from '../common/openapi';

/** A JSON Schema node as zod-to-json-schema writes it (OpenAPI 3 target), loosely typed for the walk. */
type SchemaNode = {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode | SchemaNode[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  enum?: unknown[];
  [key: string]: unknown;
};

export type TaskStepDefinition = { outcomes: readonly string[]; data: z.ZodTypeAny };

/** The step contracts per process; an incident (any process) is `INCIDENT_TASK`. */
export const TASK_DEFINITIONS: Record<string, Record<string, TaskStepDefinition>> = {
  admission: ADMISSION_TASKS,
  screening: SCREENING_TASKS,
  transfer: TRANSFER_TASKS,
  inspection: INSPECTION_TASKS,
};

/** What the page needs to show a vote step's threshold before submitting (issue 10 §1). */
export type TaskFormVote = VoteStepRule & {
  roster: VoteRoster;
  /** Voters counted: official members, minus exempt ones when `excludeExempt`. */
  eligible: number;
  /** The fewest "yes" votes that reach the threshold (`requiredVotes`). */
  required: number;
  /** e.g. "≥ 2/3" or "> 1/2". */
  thresholdLabel: string;
};

export type TaskForm = {
  outcomes: { value: string; label: string }[];
  /** False when every property is optional (e.g. an incident's reason): `data` may then be left out. */
  dataRequired: boolean;
  /**
   * The JSON Schema of the step's `data` contract: every property has a Vietnamese `title`, every
   * string enumeration an `x-enum-labels` object (value → label), the roster the API fills from the
   * records is `readOnly` and not required, and a property needed only for some outcomes lists them
   * in `x-required-for-outcomes`.
   */
  schema: Record<string, unknown>;
  vote?: TaskFormVote;
};

/**
 * The form of a task's step from the same zod contract the API and the workflow validate with,
 * labelled for the page. `roster` is the vote roster the API counted from the records.
 */
export function taskForm({
  step,
  definition,
  assigneeRole,
  roster,
}: {
  step: string;
  definition: TaskStepDefinition;
  assigneeRole?: string | null;
  roster?: VoteRoster;
}): TaskForm {
  const schema = labelled(openApiSchema(definition.data) as SchemaNode);
  schema.title = labelVi(step);
  if (roster && schema.properties?.roster) {
    schema.properties.roster = { ...schema.properties.roster, readOnly: true, default: roster };
    schema.required = (schema.required ?? []).filter((name) => name !== 'roster');
  }
  // An incident's reason is required to skip a step or cancel the case (workflows/src/shared/incident.ts).
  if (step === INCIDENT_STEP && schema.properties?.reason) {
    schema.properties.reason['x-required-for-outcomes'] = definition.outcomes.filter((o) => o !== 'retry');
  }
  const form: TaskForm = {
    outcomes: definition.outcomes.map((value) => ({ value, label: labelVi(value) })),
    dataRequired: (schema.required ?? []).length > 0,
    schema,
  };
  // A removal decision held by a grassroots committee is taken under a delegation [R25][seed:000].
  const rule = voteStepRule(step, { delegated: assigneeRole === 'grassroots_committee_member' });
  if (rule && roster) {
    const eligible = rule.excludeExempt ? roster.official - roster.exempt : roster.official;
    const { numerator, denominator, strict } = rule.threshold;
    form.vote = {
      ...rule,
      roster,
      eligible,
      required: requiredVotes({ eligible: Math.max(0, eligible), threshold: rule.threshold }),
      thresholdLabel: `${strict ? '>' : '≥'} ${numerator}/${denominator}`,
    };
  }
  return form;
}

/** Titles every property (recursively: nested objects, arrays of objects, unions) and labels string enums. */
function labelled(node: SchemaNode): SchemaNode {
  if (node.properties) {
    for (const [name, child] of Object.entries(node.properties)) {
      node.properties[name] = { title: fieldLabelVi(name), ...labelled(child) };
    }
  }
  if (Array.isArray(node.items)) node.items = node.items.map(labelled);
  else if (node.items) node.items = labelled(node.items);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = node[key];
    if (list) node[key] = list.map(labelled);
  }
  if (node.enum?.every((v): v is string => typeof v === 'string')) {
    node['x-enum-labels'] = Object.fromEntries(node.enum.map((v) => [v, labelVi(v)]));
  }
  return node;
}
