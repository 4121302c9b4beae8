import { ADMISSION_STEPS, ADMISSION_TASK_STEPS, type AdmissionStep } from '../admission/admission-steps';
import { validateDeadlinePolicy, type Duration } from './deadline-policy';
import { DEFAULT_DEADLINE_POLICIES, DEFAULT_DURATIONS } from './default-policies';

const byStep = (step: AdmissionStep) =>
  DEFAULT_DEADLINE_POLICIES.filter((p) => p.process === 'admission' && p.step === step);

describe('default admission deadline policies', () => {
  it.each(ADMISSION_TASK_STEPS)('should have exactly one valid, sourced policy when the step is %s', (step) => {
    const policies = byStep(step);
    expect(policies).toHaveLength(1);
    expect(validateDeadlinePolicy(policies[0])).toEqual([]);
    expect(policies[0].escalateEvery).toEqual({ amount: 5, unit: 'working_days' });
    expect(policies[0].maxEscalationLevel).toBe(2);
    expect(policies[0].source.normalize('NFC')).toBe(policies[0].source);
  });

  it.each<[AdmissionStep, number, string]>([
    ['decision', 60, 'R5'],
    ['ceremony', 30, 'R4'],
    ['recognition_cell_vote', 30, 'R4'],
    ['recognition_decision', 30, 'R5'],
  ])('should use the regulatory limit when the step is %s (%i working days, %s)', (step, days, ref) => {
    const [p] = byStep(step);
    expect(p.due).toEqual({ amount: days, unit: 'working_days' });
    expect(p.anchor).toBe('case_event');
    expect(p.source).toContain(ref);
  });

  it('should cite QĐ 232 when the step is the admission decision', () => {
    expect(byStep('decision')[0].source).toContain('QĐ 232');
  });

  it('should have no policy for eligibility, a rule check that opens no task', () => {
    expect(ADMISSION_STEPS.filter((s) => !(ADMISSION_TASK_STEPS as readonly string[]).includes(s))).toEqual([
      'eligibility',
    ]);
    expect(byStep('eligibility')).toEqual([]);
    expect(DEFAULT_DEADLINE_POLICIES.filter((p) => p.process === 'admission').map((p) => p.step)).toEqual([
      ...ADMISSION_TASK_STEPS,
      'incident',
    ]);
  });

  it.each(
    ADMISSION_TASK_STEPS.filter(
      (s) => !['decision', 'ceremony', 'recognition_cell_vote', 'recognition_decision'].includes(s),
    ),
  )('should mark the limit as an assumption of 10–15 working days when the step is %s', (step) => {
    const [p] = byStep(step);
    expect(p.source.startsWith('[A]')).toBe(true);
    expect(p.due.unit).toBe('working_days');
    expect(p.due.amount).toBeGreaterThanOrEqual(10);
    expect(p.due.amount).toBeLessThanOrEqual(15);
    expect(p.remindBefore).toEqual({ amount: 2, unit: 'working_days' });
    expect(p.anchor).toBe('task_opened');
  });

  it('should remind before the due date when every default is applied', () => {
    for (const p of DEFAULT_DEADLINE_POLICIES) expect(p.remindBefore.amount).toBeLessThan(p.due.amount);
  });

  it.each<[keyof typeof DEFAULT_DURATIONS, Duration]>([
    ['probation', { amount: 12, unit: 'months' }],
    ['certificateValidity', { amount: 60, unit: 'months' }],
    ['decisionExtension', { amount: 30, unit: 'working_days' }],
    ['recognitionDecisionExtension', { amount: 30, unit: 'working_days' }],
  ])('should default %s to %j with a source', (key, expected) => {
    const { source, ...duration } = DEFAULT_DURATIONS[key];
    expect(duration).toEqual(expected);
    expect(source.length).toBeGreaterThan(0);
  });

  it('should flag the certificate validity as an assumption', () => {
    expect(DEFAULT_DURATIONS.certificateValidity.source).toContain('[A]');
    expect(DEFAULT_DURATIONS.probation.source).toContain('R18');
  });
});
