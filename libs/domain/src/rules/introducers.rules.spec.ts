import { checkIntroducers, type Introducer } from './introducers.rules';

const official = (memberId: string, monthsAlongside = 12): Introducer => ({
  memberId,
  status: 'official',
  monthsAlongside,
});
const youthUnion = { kind: 'youth_union' as const, reference: 'NQ 05-NQ/ĐTN' };

describe('checkIntroducers — QĐ 24-QĐ/TW §3.2.1 [R16][R19]: two official members ≥12 months, or a union resolution + one', () => {
  it.each<[string, Introducer[], boolean]>([
    ['two official members with exactly 12 months', [official('DV-001'), official('DV-002', 30)], true],
    [
      'three introducers, one of them not counting',
      [official('DV-001'), official('DV-002'), official('DV-003', 3)],
      true,
    ],
    ['one official member only', [official('DV-001')], false],
    ['the second introducer has 11 months', [official('DV-001'), official('DV-002', 11)], false],
    [
      'the second introducer is probationary',
      [official('DV-001'), { memberId: 'DV-002', status: 'probationary', monthsAlongside: 24 }],
      false,
    ],
    ['the same member twice', [official('DV-001'), official('DV-001')], false],
    ['nobody', [], false],
    [
      'a replacement appointed by the cell with 2 months',
      [official('DV-001'), { ...official('DV-009', 2), appointedReplacement: true }],
      true,
    ],
  ])('should pass=%p when there is %s and no union resolution', (_label, introducers, passed) => {
    const result = checkIntroducers({ introducers });
    expect(result.passed).toBe(passed);
    expect(result.ruleId).toBe('national.introducers');
    expect(result.source).toContain('§3.2.1');
  });

  it.each<[string, Introducer[], boolean]>([
    ['one official member with 12 months', [official('DV-001')], true],
    ['one official member with 11 months', [official('DV-001', 11)], false],
    ['an exempt member only', [{ memberId: 'DV-004', status: 'exempt', monthsAlongside: 40 }], false],
  ])('should pass=%p when a Youth Union resolution comes with %s', (_label, introducers, passed) => {
    expect(checkIntroducers({ introducers, unionResolution: youthUnion }).passed).toBe(passed);
  });

  it('should name the introducer and the months when one is too recent', () => {
    const { reason } = checkIntroducers({ introducers: [official('DV-001'), official('DV-002', 11)] });
    expect(reason).toContain(
      'người giới thiệu DV-002 mới cùng công tác, học tập hoặc cư trú với người vào Đảng 11 tháng, cần ít nhất 12 tháng',
    );
    expect(reason).toContain('có 1 người giới thiệu hợp lệ (DV-001)');
  });

  it('should name the introducer and the status when one is not official', () => {
    const { reason } = checkIntroducers({
      introducers: [official('DV-001'), { memberId: 'DV-002', status: 'probationary', monthsAlongside: 24 }],
    });
    expect(reason).toContain('người giới thiệu DV-002 không phải đảng viên chính thức (đảng viên dự bị)');
  });

  it('should name the duplicated introducer when one is declared twice', () => {
    expect(checkIntroducers({ introducers: [official('DV-001'), official('DV-001')] }).reason).toContain(
      'người giới thiệu DV-001 được khai báo nhiều lần',
    );
  });

  it('should name the union resolution when it is used', () => {
    const { reason } = checkIntroducers({
      introducers: [official('DV-001')],
      unionResolution: { kind: 'trade_union', reference: 'NQ 02/CĐ' },
    });
    expect(reason).toContain('Công đoàn cơ sở (NQ 02/CĐ)');
    expect(reason.normalize('NFC')).toBe(reason);
  });

  it('should use the configured minimum when one is given', () => {
    expect(checkIntroducers({ introducers: [official('DV-001', 6), official('DV-002', 6)], minMonths: 6 }).passed).toBe(
      true,
    );
  });
});
