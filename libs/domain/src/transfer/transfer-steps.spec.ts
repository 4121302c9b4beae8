import { DEFAULT_DEADLINE_POLICIES } from '../deadline/default-policies';
import { DEFAULT_DETECTION_PARAMS } from '../screening/detection.rules';
import { defaultPresentBy, TRANSFER_PRESENTATION_LIMIT, TRANSFER_PROCESS } from './transfer-steps';

describe('presentation limit of a transfer: 30 days from the introduction [R30]', () => {
  it('should be 30 calendar days, citing R30', () => {
    const { source, ...limit } = TRANSFER_PRESENTATION_LIMIT;
    expect(limit).toEqual({ amount: 30, unit: 'calendar_days' });
    expect(source).toContain('R30');
  });

  it.each([
    ['2025-03-01', '2025-03-31'],
    ['2025-12-15', '2026-01-14'],
    ['2024-02-01', '2024-03-02'],
  ])('should give %s → %s as the last day when the letter names no date', (issuedOn, expected) => {
    expect(defaultPresentBy(issuedOn)).toBe(expected);
  });

  it('should be the default of the confirm_arrival policy and of the detection rule', () => {
    const [arrival] = DEFAULT_DEADLINE_POLICIES.filter(
      (p) => p.process === TRANSFER_PROCESS && p.step === 'confirm_arrival',
    );
    expect(arrival.due).toEqual({ amount: 30, unit: 'calendar_days' });
    expect(arrival.anchor).toBe('case_event');
    expect(DEFAULT_DETECTION_PARAMS.presentationLimitDays).toBe(30);
  });
});
