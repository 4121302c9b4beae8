import type { RuleResult } from '../rules/rule-result';
import type { DisciplineForm } from './activity-records';
import { DISCIPLINE_FORM_LABELS } from './records-labels';

/**
 * Who decided a discipline (issue 9 §8). Only the body that has the power to impose a form may
 * impose it; a record of a discipline decided by a body without that power is refused.
 */
export const DISCIPLINE_BODIES = [
  'cell',
  'grassroots_committee',
  'superior_committee',
  'inspection_commission',
  'state_agency',
] as const;
export type DisciplineBody = (typeof DISCIPLINE_BODIES)[number];

/** Kept beside the vocabulary: 'cell' and 'grassroots_committee' are organisation kinds in the glossary. */
export const DISCIPLINE_BODY_LABELS: Record<DisciplineBody, { vi: string; note: string }> = {
  cell: { vi: 'Chi bộ', note: 'Chỉ khiển trách, cảnh cáo [R27]' },
  grassroots_committee: {
    vi: 'Đảng ủy cơ sở',
    note: 'Khiển trách, cảnh cáo, cách chức [A]; khai trừ khi được ủy quyền [seed:000]',
  },
  superior_committee: { vi: 'Cấp ủy cấp trên', note: 'Mọi hình thức kỷ luật Đảng [seed:000]' },
  inspection_commission: { vi: 'Ủy ban kiểm tra', note: 'Mọi hình thức kỷ luật Đảng [seed:000]' },
  state_agency: { vi: 'Cơ quan nhà nước', note: 'Chỉ các hình thức kỷ luật hành chính [R2]' },
};

export const DISCIPLINE_POWER_SOURCE =
  'Chi bộ chỉ được khiển trách, cảnh cáo [R27]; khai trừ do cấp ủy cấp trên, ủy ban kiểm tra hoặc đảng ủy cơ sở được ủy quyền quyết định [seed:000]; cách chức do đảng ủy cơ sở trở lên [A]; kỷ luật hành chính do cơ quan nhà nước [R2]';

const PARTY_FORMS: readonly DisciplineForm[] = ['reprimand', 'warning', 'dismissal', 'expulsion'];
const POWERS: Record<DisciplineBody, readonly DisciplineForm[]> = {
  cell: ['reprimand', 'warning'],
  grassroots_committee: ['reprimand', 'warning', 'dismissal'],
  superior_committee: PARTY_FORMS,
  inspection_commission: PARTY_FORMS,
  state_agency: ['state_salary_reduction', 'state_demotion', 'state_dismissal'],
};

/**
 * Whether `decidedBy` has the power to impose `form`: a cell only reprimands or warns [R27]; a
 * grassroots committee also dismisses [A] and expels only while it holds the delegated expulsion
 * power on the day of the decision (`expulsionDelegated`) [seed:000]; a superior committee or an
 * inspection commission imposes every Party form [seed:000]; State disciplines are decided by a
 * State agency, which imposes no Party form [R2].
 */
export function checkDisciplinePower({
  form,
  decidedBy,
  expulsionDelegated = false,
}: {
  form: DisciplineForm;
  decidedBy: DisciplineBody;
  expulsionDelegated?: boolean;
}): RuleResult {
  const base = { ruleId: 'discipline.power', source: DISCIPLINE_POWER_SOURCE };
  const formVi = DISCIPLINE_FORM_LABELS[form].vi.toLowerCase();
  const bodyVi = DISCIPLINE_BODY_LABELS[decidedBy].vi;
  const powers = [
    ...POWERS[decidedBy],
    ...(decidedBy === 'grassroots_committee' && expulsionDelegated ? ['expulsion' as const] : []),
  ];
  if (powers.includes(form)) {
    return { ...base, passed: true, reason: `${bodyVi} có thẩm quyền quyết định hình thức ${formVi}.` };
  }
  const may = powers.map((f) => DISCIPLINE_FORM_LABELS[f].vi.toLowerCase()).join(', ');
  const hint =
    decidedBy === 'grassroots_committee' && form === 'expulsion'
      ? ' Đảng ủy cơ sở chỉ quyết định khai trừ khi được cấp ủy cấp trên ủy quyền và ủy quyền còn hiệu lực vào ngày quyết định.'
      : '';
  return {
    ...base,
    passed: false,
    reason: `${bodyVi} không có thẩm quyền quyết định hình thức ${formVi}; ${bodyVi.toLowerCase()} chỉ quyết định: ${may}.${hint}`,
  };
}
