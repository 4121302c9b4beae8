import { TASK_DEFINITIONS, taskForm } from '../../../api/src/tasks/task-form';
import type { JsonSchema } from '../api/types';
import { dataOf, fieldsFromSchema, formPathOf, labelsOf, type FieldSpec } from './schema-form';
import { voteVerdict } from './vote-verdict';

/** The form of a step as the page receives it from GET /tasks/:id (the API builds it from the zod contract). */
function formOf(process: string, step: string, roster?: { official: number; exempt: number }) {
  const form = taskForm({ step, definition: TASK_DEFINITIONS[process][step], roster });
  return { ...form, fields: fieldsFromSchema(form.schema as JsonSchema, ['roster']) };
}

const summary = (fields: FieldSpec[]): unknown[] =>
  fields.map((f) => ({
    name: f.name,
    kind: f.kind,
    required: f.required,
    ...(f.kind === 'group' ? { fields: summary(f.fields) } : {}),
    ...(f.kind === 'list' ? { min: f.min, max: f.max, item: summary(f.item) } : {}),
    ...(f.kind === 'number' ? { integer: f.integer, min: f.min } : {}),
    ...(f.kind === 'select' ? { options: f.options.map((o) => o.value) } : {}),
  }));

describe('step forms generated from the contracts (issue 10: "step forms are generated from the same zod contracts")', () => {
  it('should give every field of every step of every process a Vietnamese label, never its code name', () => {
    const unlabelled: string[] = [];
    for (const [process, steps] of Object.entries(TASK_DEFINITIONS)) {
      for (const step of Object.keys(steps)) {
        const walk = (fields: FieldSpec[], at: string) =>
          fields.forEach((f) => {
            if (f.label === f.name || /^[a-z]+[A-Z_]/.test(f.label))
              unlabelled.push(`${process}.${step}.${at}${f.name}`);
            if (f.kind === 'group') walk(f.fields, `${at}${f.name}.`);
            if (f.kind === 'list') walk(f.item, `${at}${f.name}[].`);
          });
        walk(formOf(process, step).fields, '');
      }
    }
    expect(unlabelled).toEqual([]);
  });

  it('should ask the introducers step for one or two introducers, each a member picked by name and a number of months [QĐ 24 §3]', () => {
    expect(summary(formOf('admission', 'introducers').fields)).toEqual([
      {
        name: 'introducers',
        kind: 'list',
        required: true,
        min: 1,
        max: 2,
        item: [
          { name: 'memberId', kind: 'member', required: true },
          { name: 'monthsAlongside', kind: 'number', required: true, integer: true, min: 0 },
        ],
      },
      {
        name: 'unionResolution',
        kind: 'group',
        required: false,
        fields: [
          { name: 'kind', kind: 'select', required: true, options: ['youth_union', 'trade_union'] },
          { name: 'reference', kind: 'text', required: true },
        ],
      },
    ]);
  });

  it('should leave the vote roster out of the cell vote form (the API counts it from the records) and ask for the counts and the minutes', () => {
    expect(summary(formOf('admission', 'cell_vote', { official: 9, exempt: 1 }).fields)).toEqual([
      {
        name: 'votes',
        kind: 'group',
        required: true,
        fields: [
          { name: 'yes', kind: 'number', required: true, integer: true, min: 0 },
          { name: 'no', kind: 'number', required: true, integer: true, min: 0 },
        ],
      },
      { name: 'minutesRef', kind: 'text', required: true },
    ]);
  });

  it('should ask the recognition vote to confirm the self-review and the helper comment as ticked boxes and the course date as a date [R4][R6]', () => {
    const kinds = formOf('admission', 'recognition_cell_vote', { official: 9, exempt: 0 }).fields.map((f) => [
      f.name,
      f.kind,
    ]);
    expect(kinds).toEqual([
      ['votes', 'group'],
      ['minutesRef', 'text'],
      ['selfReviewReceived', 'confirm'],
      ['helperCommentReceived', 'confirm'],
      ['newMemberCourseCertifiedOn', 'date'],
    ]);
  });

  it('should label the outcomes of a step in Vietnamese for its buttons', () => {
    const form = formOf('admission', 'decision');
    expect(form.outcomes.map((o) => o.value)).toEqual(['admitted', 'rejected']);
    expect(form.outcomes.every((o) => o.label !== o.value && o.label.length > 0)).toBe(true);
    expect(labelsOf(form.fields)).toEqual(form.fields.map((f) => f.label));
  });
});

describe('the vote verdict before submitting (issue 10: "whether the counts reach the threshold")', () => {
  const rule = formOf('admission', 'cell_vote', { official: 10, exempt: 1 }).vote!;

  it('should pass 6 of 9 eligible voters at ≥ 2/3, the exempt member not counted [R13][R14][R1]', () => {
    expect(rule).toMatchObject({ eligible: 9, required: 6, thresholdLabel: '≥ 2/3' });
    expect(voteVerdict(rule, { official: 10, exempt: 1 }, { yes: 6, no: 3 })).toMatchObject({ outcome: 'approved' });
  });

  it('should lead 5 of 9 to the rejection the workflow would enforce', () => {
    expect(voteVerdict(rule, { official: 10, exempt: 1 }, { yes: 5, no: 4 })).toMatchObject({ outcome: 'rejected' });
  });

  it('should refuse more votes than eligible voters', () => {
    expect(voteVerdict(rule, { official: 10, exempt: 1 }, { yes: 9, no: 1 })).toEqual({
      error: 'Tổng số phiếu vượt quá số đảng viên có quyền biểu quyết.',
    });
  });
});

describe('API error fields mapped to form fields (issue 10: "an error the API names by field is shown at that field")', () => {
  it('should address nested and list fields under data, and nothing else', () => {
    expect(formPathOf('data.votes.yes')).toEqual(['votes', 'yes']);
    expect(formPathOf('data.introducers.1.memberId')).toEqual(['introducers', 1, 'memberId']);
    expect(formPathOf('outcome')).toBeNull();
    expect(formPathOf(null)).toBeNull();
  });
});

describe("the form's values as the step's data", () => {
  it('should drop empty inputs and an optional group left empty, which the contract would refuse as {}', () => {
    expect(
      dataOf({
        introducers: [
          { memberId: 'a', monthsAlongside: 24 },
          { memberId: undefined, monthsAlongside: null },
        ],
        unionResolution: { kind: undefined, reference: '  ' },
        minutesRef: 'BB-01',
        votes: { yes: 0, no: 0 },
      }),
    ).toEqual({ introducers: [{ memberId: 'a', monthsAlongside: 24 }], minutesRef: 'BB-01', votes: { yes: 0, no: 0 } });
  });
});
