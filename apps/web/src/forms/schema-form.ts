import { labelVi } from '@partyflow/domain';
import type { JsonSchema } from '../api/types';

/**
 * The fields of a step's form, generated from the JSON Schema the API derives from the step's zod
 * contract (libs/contracts), so the page asks for exactly what the API and the workflow accept (issue 10).
 * Pure: the component (StepForm.tsx) only renders these.
 */
export type FieldSpec =
  | (Common & { kind: 'text'; multiline: boolean; maxLength?: number })
  | (Common & { kind: 'number'; integer: boolean; min?: number; max?: number })
  | (Common & { kind: 'date' })
  | (Common & { kind: 'confirm' })
  | (Common & { kind: 'boolean' })
  | (Common & { kind: 'select'; options: { value: string; label: string }[] })
  | (Common & { kind: 'member' })
  | (Common & { kind: 'group'; fields: FieldSpec[] })
  | (Common & { kind: 'list'; item: FieldSpec[]; min: number; max?: number });

type Common = {
  /** The property path inside `data` (array items are addressed by Form.List). */
  name: string;
  label: string;
  required: boolean;
  help?: string;
};

const LOCAL_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
/** Free-text properties that read better in a text area. */
const LONG_TEXT = /(summary|conclusion|comment|reason|note|content|finding|remark)/i;

/** The Vietnamese label of a property: its schema title, else the glossary, else the name itself. */
export function labelOf(name: string, schema: JsonSchema): string {
  if (schema.title) return schema.title;
  const vi = labelVi(name);
  return vi;
}

/** Fields of an object schema; `omit` names properties the API fills itself (a vote's roster). */
export function fieldsFromSchema(schema: JsonSchema, omit: readonly string[] = []): FieldSpec[] {
  const required = new Set(schema.required ?? []);
  return (
    Object.entries(schema.properties ?? {})
      // A read-only property (a vote's roster) is filled by the API from the records, never typed in.
      .filter(([name, prop]) => !omit.includes(name) && !prop.readOnly)
      .map(([name, prop]) => fieldOf(name, prop, required.has(name)))
  );
}

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

function enumOptions(schema: JsonSchema): { value: string; label: string }[] | null {
  const labels = schema['x-enum-labels'];
  if (schema.enum) {
    return schema.enum.map((v) => ({ value: String(v), label: labels?.[String(v)] ?? labelVi(String(v)) }));
  }
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives?.length && alternatives.every((a) => a.const !== undefined)) {
    return alternatives.map((a) => ({ value: String(a.const), label: a.title ?? labelVi(String(a.const)) }));
  }
  return null;
}

export function fieldOf(name: string, schema: JsonSchema, required: boolean): FieldSpec {
  const common: Common = { name, label: labelOf(name, schema), required, help: schema.description };
  // z.literal(true) (a paper that must have been received) is `{ type: boolean, enum: [true] }`: a box to tick.
  if (schema.const === true || (schema.enum?.length === 1 && schema.enum[0] === true)) {
    return { ...common, kind: 'confirm' };
  }
  const options = enumOptions(schema);
  if (options) return { ...common, kind: 'select', options };
  switch (typeOf(schema)) {
    case 'boolean':
      return { ...common, kind: 'boolean' };
    case 'integer':
    case 'number':
      return {
        ...common,
        kind: 'number',
        integer: typeOf(schema) === 'integer',
        min: schema.minimum,
        max: schema.maximum,
      };
    case 'object':
      return { ...common, kind: 'group', fields: fieldsFromSchema(schema) };
    case 'array': {
      const items = schema.items ?? {};
      const item =
        typeOf(items) === 'object'
          ? fieldsFromSchema(items)
          : [fieldOf('value', { ...items, title: items.title ?? common.label }, true)];
      return { ...common, kind: 'list', item, min: schema.minItems ?? 0, max: schema.maxItems };
    }
    default:
      if (schema.format === 'date' || schema.pattern === LOCAL_DATE_PATTERN) return { ...common, kind: 'date' };
      if (schema.format === 'uuid' && /member/i.test(name)) return { ...common, kind: 'member' };
      return { ...common, kind: 'text', multiline: LONG_TEXT.test(name), maxLength: schema.maxLength };
  }
}

/** Every label a form shows (for the check that no identifier reaches the screen). */
export function labelsOf(fields: readonly FieldSpec[]): string[] {
  return fields.flatMap((f) => [
    f.label,
    ...(f.kind === 'group' ? labelsOf(f.fields) : []),
    ...(f.kind === 'list' ? labelsOf(f.item) : []),
    ...(f.kind === 'select' ? f.options.map((o) => o.label) : []),
  ]);
}

/**
 * An API error's field (`data.votes.yes`, `data.introducers.0.memberId`) as the form's field path, or null
 * when it does not name a field of the step's data.
 */
export function formPathOf(field: string | null | undefined): (string | number)[] | null {
  if (!field || !field.startsWith('data.')) return null;
  return field
    .slice('data.'.length)
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * The form's values as the step's `data`: empty inputs dropped, and an optional group left empty dropped whole
 * (`{}` would be refused by the contract, which wants all of a group's fields or none of it).
 */
export function dataOf(values: unknown): unknown {
  if (Array.isArray(values)) return values.map(dataOf).filter((v) => v !== undefined);
  if (values && typeof values === 'object') {
    const entries = Object.entries(values as Record<string, unknown>)
      .map(([k, v]) => [k, dataOf(v)] as const)
      .filter(([, v]) => v !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  if (values === null || values === '' || (typeof values === 'string' && values.trim() === '')) return undefined;
  return values;
}
