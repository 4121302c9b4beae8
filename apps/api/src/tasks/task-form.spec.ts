import { z } from 'zod';
import { INCIDENT_TASK, ROSTER_FROM_RECORDS } from '@partyflow/contracts';
import {
  FORM_FIELD_LABELS,
  GLOSSARY,
  INCIDENT_STEP,
  OUTCOME_LABELS,
  PROCESS_LABELS,
  fieldLabelVi,
  labelVi,
  voteStepOutcome,
} from '@partyflow/domain';
import { TASK_DEFINITIONS, taskForm, type TaskStepDefinition } from './task-form';

/**
 * Issue 10 §2 and §5: every outcome and every data property of every step of every process has a
 * Vietnamese label, found by walking the real contracts (zod shapes), so that adding a field or an
 * outcome without a label fails here; and the JSON Schema of each step carries those labels.
 */
const STEPS: Array<[string, string, TaskStepDefinition]> = [
  ...Object.entries(TASK_DEFINITIONS).flatMap(([process, steps]) =>
    Object.entries(steps).map(([step, d]): [string, string, TaskStepDefinition] => [process, step, d]),
  ),
  ['any', INCIDENT_STEP, INCIDENT_TASK],
];

type Walked = { properties: string[]; enumValues: string[] };

/** Property paths (`a`, `a[].b`) and string enum values of a zod schema, through optional, effects and arrays. */
function walk(schema: z.ZodTypeAny, path = '', out: Walked = { properties: [], enumValues: [] }): Walked {
  if (schema instanceof z.ZodEffects) return walk(schema.innerType(), path, out);
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return walk(schema.unwrap(), path, out);
  if (schema instanceof z.ZodDefault) return walk(schema.removeDefault(), path, out);
  if (schema instanceof z.ZodArray) return walk(schema.element, `${path}[]`, out);
  if (schema instanceof z.ZodEnum) out.enumValues.push(...(schema.options as string[]));
  if (schema instanceof z.ZodObject) {
    for (const [name, child] of Object.entries(schema.shape as Record<string, z.ZodTypeAny>)) {
      const at = path ? `${path}.${name}` : name;
      out.properties.push(at);
      walk(child, at, out);
    }
  }
  return out;
}

type Json = {
  title?: string;
  properties?: Record<string, Json>;
  items?: Json;
  enum?: unknown[];
  'x-enum-labels'?: Record<string, string>;
};

/** Property paths of a generated JSON Schema with their titles, and its enum label maps. */
function walkJson(node: Json, path = '', out = { titles: {} as Record<string, string>, enums: [] as Json[] }) {
  if (node.enum) out.enums.push(node);
  if (node.items) walkJson(node.items, `${path}[]`, out);
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    const at = path ? `${path}.${name}` : name;
    out.titles[at] = child.title ?? '';
    walkJson(child, at, out);
  }
  return out;
}

const lastName = (path: string) => path.split('.').pop()!.replace(/\[\]$/, '');
const ALL_OUTCOMES = [...new Set(STEPS.flatMap(([, , d]) => d.outcomes))].sort();
const ALL_FIELDS = [...new Set(STEPS.flatMap(([, , d]) => walk(d.data).properties.map(lastName)))].sort();

describe('task labels: complete over the real step contracts (issue 10 §2)', () => {
  it('should have walked 29 steps: 15 of admission, 7 of screening, 2 of transfer, 4 of inspection, the incident', () => {
    const per = (p: string) => STEPS.filter(([process]) => process === p).length;
    expect([per('admission'), per('screening'), per('transfer'), per('inspection'), per('any')]).toEqual([
      15, 7, 2, 4, 1,
    ]);
    expect(Object.keys(TASK_DEFINITIONS).sort()).toEqual(['admission', 'inspection', 'screening', 'transfer']);
  });

  it.each(Object.keys(TASK_DEFINITIONS))('should name the process %s in Vietnamese', (process) => {
    expect(PROCESS_LABELS[process]).toBeDefined();
    expect(labelVi(process)).toBe(PROCESS_LABELS[process].vi);
  });

  it.each(STEPS)('should label the step %s/%s and each of its outcomes', (_process, step, definition) => {
    expect(labelVi(step)).not.toBe(step);
    for (const outcome of definition.outcomes) {
      expect({ outcome, labelled: OUTCOME_LABELS[outcome] !== undefined }).toEqual({ outcome, labelled: true });
      expect(labelVi(outcome)).toBe(OUTCOME_LABELS[outcome].vi);
    }
  });

  it('should label exactly the outcomes the contracts have, no stale entry', () => {
    expect(Object.keys(OUTCOME_LABELS).sort()).toEqual(ALL_OUTCOMES);
  });

  it.each(STEPS)('should title every data property and label every enum value of %s/%s', (_p, _step, definition) => {
    const { properties, enumValues } = walk(definition.data);
    for (const path of properties) {
      const name = lastName(path);
      expect({ path, labelled: FORM_FIELD_LABELS[name] !== undefined }).toEqual({ path, labelled: true });
    }
    for (const value of enumValues) {
      expect({ value, labelled: GLOSSARY[value] !== undefined }).toEqual({ value, labelled: true });
    }
  });

  it('should title exactly the properties the contracts have, no stale entry', () => {
    expect(Object.keys(FORM_FIELD_LABELS).sort()).toEqual(ALL_FIELDS);
  });
});

describe('task form: JSON Schema of the step data with Vietnamese titles (issue 10 §1)', () => {
  it.each(STEPS)('should generate the labelled schema of %s/%s', (_process, step, definition) => {
    const roster = ROSTER_FROM_RECORDS[step as keyof typeof ROSTER_FROM_RECORDS]
      ? { official: 9, exempt: 0 }
      : undefined;
    const form = taskForm({ step, definition, roster });
    expect(form.schema).toMatchObject({ type: 'object', title: labelVi(step) });
    const { titles, enums } = walkJson(form.schema as Json);
    // The schema has exactly the contract's properties, each titled with its label.
    expect(Object.keys(titles).sort()).toEqual(walk(definition.data).properties.sort());
    for (const [path, title] of Object.entries(titles))
      expect({ path, title }).toEqual({ path, title: fieldLabelVi(lastName(path)) });
    for (const e of enums.filter((x) => x.enum?.every((v) => typeof v === 'string'))) {
      expect(e['x-enum-labels']).toEqual(Object.fromEntries((e.enum as string[]).map((v) => [v, labelVi(v)])));
    }
    expect(form.outcomes).toEqual(definition.outcomes.map((value) => ({ value, label: OUTCOME_LABELS[value].vi })));
  });

  it('should nest titles into arrays of objects and label the union kind (introducers) [R16]', () => {
    const form = taskForm({ step: 'introducers', definition: TASK_DEFINITIONS.admission.introducers });
    expect(form.dataRequired).toBe(true);
    expect(form.vote).toBeUndefined();
    expect(form.schema).toMatchObject({
      required: ['introducers'],
      properties: {
        introducers: {
          type: 'array',
          title: 'Người giới thiệu',
          minItems: 1,
          maxItems: 2,
          items: {
            required: ['memberId', 'monthsAlongside'],
            properties: {
              memberId: { type: 'string', format: 'uuid', title: 'Đảng viên' },
              monthsAlongside: { type: 'integer', minimum: 0, title: 'Số tháng cùng công tác, học tập hoặc cư trú' },
            },
          },
        },
        unionResolution: {
          title: 'Nghị quyết giới thiệu của Đoàn Thanh niên hoặc Công đoàn',
          properties: {
            kind: {
              enum: ['youth_union', 'trade_union'],
              'x-enum-labels': {
                youth_union: 'Nghị quyết Đoàn Thanh niên cơ sở',
                trade_union: 'Nghị quyết Công đoàn cơ sở',
              },
            },
          },
        },
      },
    });
  });

  it('should give a cell vote its roster read-only and the rule the workflow checks it with [R13][R14][R1]', () => {
    const roster = { official: 10, exempt: 1 };
    const form = taskForm({ step: 'cell_vote', definition: TASK_DEFINITIONS.admission.cell_vote, roster });
    expect(form.dataRequired).toBe(true);
    expect((form.schema as { required: string[] }).required).toEqual(['votes', 'minutesRef']);
    expect(form.schema).toMatchObject({ properties: { roster: { readOnly: true, default: roster } } });
    expect(form.outcomes).toEqual([
      { value: 'approved', label: 'Thông qua' },
      { value: 'rejected', label: 'Không chấp nhận' },
    ]);
    expect(form.vote).toEqual({
      threshold: { numerator: 2, denominator: 3, strict: false },
      excludeExempt: true,
      outcomeFor: { passed: 'approved', rejected: 'rejected', inconclusive: 'rejected' },
      source: 'Điều lệ Đảng Điều 4 khoản 3 [R13][R14]: chi bộ xét từng người, ≥ 2/3 đảng viên chính thức tán thành.',
      roster,
      eligible: 9,
      required: 6,
      thresholdLabel: '≥ 2/3',
    });
    // The page computes with the same pure function: 6 of 9 passes, 5 does not.
    expect(voteStepOutcome({ rule: form.vote!, roster, votes: { yes: 6, no: 3 } }).outcome).toBe('approved');
    expect(voteStepOutcome({ rule: form.vote!, roster, votes: { yes: 5, no: 4 } }).outcome).toBe('rejected');
  });

  it('should give a standing committee > 1/2 and a delegated grassroots committee 2/3 on a removal [R25]', () => {
    const definition = TASK_DEFINITIONS.screening.screening_removal_decision;
    const roster = { official: 7, exempt: 0 };
    const standing = taskForm({
      step: 'screening_removal_decision',
      definition,
      roster,
      assigneeRole: 'standing_committee_member',
    });
    expect([standing.vote?.thresholdLabel, standing.vote?.required]).toEqual(['> 1/2', 4]);
    const delegated = taskForm({
      step: 'screening_removal_decision',
      definition,
      roster,
      assigneeRole: 'grassroots_committee_member',
    });
    expect([delegated.vote?.thresholdLabel, delegated.vote?.required]).toEqual(['≥ 2/3', 5]);
  });

  it('should let an incident go without data but ask its reason to skip or cancel (issue 7 §2)', () => {
    const form = taskForm({ step: INCIDENT_STEP, definition: { ...INCIDENT_TASK, outcomes: ['retry', 'cancel'] } });
    expect(form.dataRequired).toBe(false);
    expect(form.schema).toMatchObject({
      title: 'Sự cố',
      properties: {
        reason: { type: 'string', maxLength: 2000, title: 'Lý do', 'x-required-for-outcomes': ['cancel'] },
      },
    });
    expect(form.outcomes).toEqual([
      { value: 'retry', label: 'Thử lại bước' },
      { value: 'cancel', label: 'Hủy hồ sơ' },
    ]);
  });
});
