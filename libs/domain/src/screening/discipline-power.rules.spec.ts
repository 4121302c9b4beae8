import { DISCIPLINE_FORMS, type DisciplineForm } from './activity-records';
import { checkDisciplinePower, DISCIPLINE_BODIES, type DisciplineBody } from './discipline-power.rules';

/** issue 9 §8: a body may impose only the forms it has the power to impose. */
const POWERS: Record<DisciplineBody, DisciplineForm[]> = {
  cell: ['reprimand', 'warning'],
  grassroots_committee: ['reprimand', 'warning', 'dismissal'],
  superior_committee: ['reprimand', 'warning', 'dismissal', 'expulsion'],
  inspection_commission: ['reprimand', 'warning', 'dismissal', 'expulsion'],
  state_agency: ['state_salary_reduction', 'state_demotion', 'state_dismissal'],
};
const CASES = DISCIPLINE_BODIES.flatMap((body) =>
  DISCIPLINE_FORMS.map((form) => [body, form, POWERS[body].includes(form)] as const),
);

describe('checkDisciplinePower (a cell only reprimands or warns [R27]; expulsion by higher bodies [seed:000])', () => {
  it.each(CASES)('should decide that %s imposing %s is within its power: %s', (decidedBy, form, passed) => {
    expect(checkDisciplinePower({ form, decidedBy })).toMatchObject({ ruleId: 'discipline.power', passed });
  });

  it('should refuse an expulsion decided by the cell itself, saying what a cell may impose [R27]', () => {
    expect(checkDisciplinePower({ form: 'expulsion', decidedBy: 'cell' }).reason).toBe(
      'Chi bộ không có thẩm quyền quyết định hình thức khai trừ; chi bộ chỉ quyết định: khiển trách, cảnh cáo.',
    );
  });

  it('should let a grassroots committee expel only while it holds the delegated power [seed:000]', () => {
    expect(checkDisciplinePower({ form: 'expulsion', decidedBy: 'grassroots_committee' })).toMatchObject({
      passed: false,
      reason:
        'Đảng ủy cơ sở không có thẩm quyền quyết định hình thức khai trừ; đảng ủy cơ sở chỉ quyết định: khiển trách, cảnh cáo, cách chức. Đảng ủy cơ sở chỉ quyết định khai trừ khi được cấp ủy cấp trên ủy quyền và ủy quyền còn hiệu lực vào ngày quyết định.',
    });
    expect(
      checkDisciplinePower({ form: 'expulsion', decidedBy: 'grassroots_committee', expulsionDelegated: true }),
    ).toMatchObject({ passed: true, reason: 'Đảng ủy cơ sở có thẩm quyền quyết định hình thức khai trừ.' });
    // The delegation is for expulsion only; a cell gains nothing from it.
    expect(checkDisciplinePower({ form: 'expulsion', decidedBy: 'cell', expulsionDelegated: true }).passed).toBe(false);
  });
});
