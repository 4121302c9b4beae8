import {
  DEFAULT_EVIDENCE_VALIDITY,
  EVIDENCE_KINDS,
  EVIDENCE_VALIDITY_DEFAULTS,
  evidenceValidUntil,
  renewedCertificateDateProblem,
  staleEvidence,
  type EvidenceItem,
} from './evidence-freshness';

const certificate = (datedOn: string | null): EvidenceItem => ({
  key: 'course_certificate',
  kind: 'course_certificate',
  label: 'Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng',
  datedOn,
});
const residence = (datedOn: string): EvidenceItem => ({
  key: 'opinion_residence',
  kind: 'opinion_residence',
  label: 'Ý kiến chi ủy nơi cư trú',
  datedOn,
});

describe('evidence freshness before a vote (issue 14 §4)', () => {
  it('should default to 60 months for the course certificate, 12 for the background check and 6 for each opinion, all marked [A]', () => {
    expect(DEFAULT_EVIDENCE_VALIDITY).toEqual({
      course_certificate: 60,
      background_check: 12,
      opinion_residence: 6,
      opinion_mass_org: 6,
    });
    for (const kind of EVIDENCE_KINDS) expect(EVIDENCE_VALIDITY_DEFAULTS[kind].source.startsWith('[A]')).toBe(true);
    expect(EVIDENCE_VALIDITY_DEFAULTS.course_certificate.source).toContain('[R15][R20]');
    expect(EVIDENCE_VALIDITY_DEFAULTS.background_check.source).toContain('[R15]');
    expect(EVIDENCE_VALIDITY_DEFAULTS.opinion_residence.source).toContain('[R13][R14]');
  });

  it('should keep evidence valid through its last day and stale the day after, month ends clamped', () => {
    expect(evidenceValidUntil('2026-06-15', 6)).toBe('2026-12-15');
    expect(evidenceValidUntil('2025-08-31', 6)).toBe('2026-02-28');
    const validity = DEFAULT_EVIDENCE_VALIDITY;
    expect(staleEvidence({ items: [residence('2026-06-15')], onDate: '2026-12-15', validity })).toEqual([]);
    expect(staleEvidence({ items: [residence('2026-06-15')], onDate: '2026-12-16', validity })).toEqual([
      {
        ...residence('2026-06-15'),
        validUntil: '2026-12-15',
        reason:
          'Ý kiến chi ủy nơi cư trú ngày 15/06/2026 chỉ có giá trị 6 tháng, đến hết ngày 15/12/2026; ngày xét 16/12/2026 đã quá hạn.',
      },
    ]);
  });

  it('should name only the stale pieces, in the order given, and treat a missing certificate as stale', () => {
    const stale = staleEvidence({
      items: [certificate(null), residence('2026-11-01'), { ...certificate('2021-11-30'), key: 'other' }],
      onDate: '2026-12-04',
      validity: DEFAULT_EVIDENCE_VALIDITY,
    });
    expect(stale.map((s) => [s.key, s.validUntil, s.reason])).toEqual([
      [
        'course_certificate',
        null,
        'Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng: chưa có (ngày xét 04/12/2026).',
      ],
      [
        'other',
        '2026-11-30',
        'Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng ngày 30/11/2021 chỉ có giá trị 60 tháng, đến hết ngày 30/11/2026; ngày xét 04/12/2026 đã quá hạn.',
      ],
    ]);
  });

  it('should use the configured window of each kind', () => {
    const items = [residence('2026-10-01')];
    const onDate = '2026-12-04';
    expect(
      staleEvidence({ items, onDate, validity: { ...DEFAULT_EVIDENCE_VALIDITY, opinion_residence: 1 } }),
    ).toHaveLength(1);
    expect(staleEvidence({ items, onDate, validity: { ...DEFAULT_EVIDENCE_VALIDITY, opinion_residence: 3 } })).toEqual(
      [],
    );
  });

  it('should accept a renewed certificate dated up to today and still valid, and refuse one dated later or expired', () => {
    expect(renewedCertificateDateProblem({ certifiedOn: '2026-12-04', today: '2026-12-04', validityMonths: 60 })).toBe(
      undefined,
    );
    expect(
      renewedCertificateDateProblem({ certifiedOn: '2026-12-05', today: '2026-12-04', validityMonths: 60 }),
    ).toEqual({ field: 'data.certifiedOn', message: 'Ngày cấp giấy chứng nhận không được sau hôm nay (04/12/2026)' });
    expect(
      renewedCertificateDateProblem({ certifiedOn: '2021-12-03', today: '2026-12-04', validityMonths: 60 }),
    ).toEqual({
      field: 'data.certifiedOn',
      message:
        'Giấy chứng nhận cấp ngày 03/12/2021 đã hết giá trị 60 tháng (đến hết ngày 03/12/2026); cần giấy chứng nhận còn hiệu lực',
    });
  });
});
