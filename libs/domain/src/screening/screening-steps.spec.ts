import { DEFAULT_DEADLINE_POLICIES } from '../deadline/default-policies';
import { validateDeadlinePolicy } from '../deadline/deadline-policy';
import { labelVi } from '../glossary';
import { evaluateVote } from '../rules/votes.rules';
import { TRANSFER_PROCESS, TRANSFER_STEPS } from '../transfer/transfer-steps';
import { REMOVAL_FORMS, SCREENING_DEFAULTS, SCREENING_PROCESS, SCREENING_STEPS } from './screening-steps';

const policiesOf = (process: string, step: string) =>
  DEFAULT_DEADLINE_POLICIES.filter((p) => p.process === process && p.step === step);

describe('screening and transfer defaults (HD 02-HD/BTCTƯ; DOMAIN.md §2, §5)', () => {
  it.each([...SCREENING_STEPS.map((s) => [SCREENING_PROCESS, s]), ...TRANSFER_STEPS.map((s) => [TRANSFER_PROCESS, s])])(
    'should have exactly one valid, sourced default policy and a label when the step is %s/%s',
    (process, step) => {
      const found = policiesOf(process, step);
      expect(found).toHaveLength(1);
      expect(validateDeadlinePolicy(found[0])).toEqual([]);
      expect(found[0].source).toMatch(/\[(R\d+|A|seed:\d+)/);
      expect(labelVi(step)).not.toBe(step);
    },
  );

  it('should count the presentation limit in calendar days from the introduction when the transfer is issued [R30]', () => {
    expect(policiesOf(TRANSFER_PROCESS, 'confirm_arrival')[0]).toMatchObject({
      due: { amount: 30, unit: 'calendar_days' },
      anchor: 'case_event',
    });
  });

  it('should answer an appeal within 90 working days and open it for 30 working days (strike-off) or 1 month (expulsion) when defaults apply [R24][R26]', () => {
    expect(policiesOf(SCREENING_PROCESS, 'screening_appeal_review')[0].due).toEqual({
      amount: 90,
      unit: 'working_days',
    });
    expect(SCREENING_DEFAULTS.appealWindow.strike_off).toMatchObject({ amount: 30, unit: 'working_days' });
    expect(SCREENING_DEFAULTS.appealWindow.expel).toMatchObject({ amount: 1, unit: 'months' });
    for (const form of REMOVAL_FORMS) expect(SCREENING_DEFAULTS.appealWindow[form].source.length).toBeGreaterThan(0);
    expect(SCREENING_DEFAULTS.helpPeriod.months).toBe(12);
  });

  it('should list a member with 6 of 9 counted votes but not 5 when 1 of 10 official members is exempt [R1]', () => {
    const { listingVote } = SCREENING_DEFAULTS;
    expect(
      evaluateVote({ roster: { official: 10, exempt: 1 }, votes: { yes: 6, no: 3 }, threshold: listingVote }).passed,
    ).toBe(true);
    expect(
      evaluateVote({ roster: { official: 10, exempt: 1 }, votes: { yes: 5, no: 4 }, threshold: listingVote }).passed,
    ).toBe(false);
  });

  it('should need more than half of the standing committee but 2/3 of a delegated committee when deciding a strike-off [R25]', () => {
    const { standingDecision, delegatedDecision } = SCREENING_DEFAULTS;
    expect(
      evaluateVote({ roster: { official: 6, exempt: 0 }, votes: { yes: 3, no: 3 }, threshold: standingDecision })
        .passed,
    ).toBe(false);
    expect(
      evaluateVote({ roster: { official: 6, exempt: 0 }, votes: { yes: 4, no: 2 }, threshold: standingDecision })
        .passed,
    ).toBe(true);
    expect(
      evaluateVote({ roster: { official: 6, exempt: 0 }, votes: { yes: 4, no: 2 }, threshold: delegatedDecision })
        .passed,
    ).toBe(true);
    expect(
      evaluateVote({ roster: { official: 7, exempt: 0 }, votes: { yes: 4, no: 3 }, threshold: delegatedDecision })
        .passed,
    ).toBe(false);
  });
});
