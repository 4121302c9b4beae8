import {
  ADMISSION_STEPS,
  SPECIAL_VERIFICATION_CASE_INFO,
  SPECIAL_VERIFICATION_CASES,
} from './admission/admission-steps';
import { EDUCATION_LEVELS } from './education';
import {
  ADMISSION_PHASES,
  ADMISSION_STEP_OPTIONS,
  FORM_FIELD_LABELS,
  GLOSSARY,
  OUTCOME_LABELS,
  fieldLabelVi,
  labelVi,
} from './glossary';
import { GRADINGS, MEMBER_STATUSES, ORG_KINDS } from './org';
import { ROLES } from './roles';
import { GRANT_STATUSES } from './quotas/delegation-grant';
import { TIMELINESS_CLASSES } from './reports/task-timeliness';
import { MAIL_PREFERENCES } from './mail/mail-texts';
import { LOCAL_CHECK_KINDS } from './rules/local-criteria.rules';
import {
  FINDING_RESULTS,
  INSPECTION_ITEMS,
  INSPECTION_ROUND_STATUSES,
  INSPECTION_SCOPES,
  INSPECTION_STEPS,
  REMEDIATION_STATUSES,
} from './inspection/inspection-checklist';
import { REMOVAL_FORMS, SCREENING_PHASES, SCREENING_STEPS } from './screening/screening-steps';
import { TRANSFER_STEPS } from './transfer/transfer-steps';
import { ATTENDANCE_STATUSES, DISCIPLINE_FORMS, RESIDENCE_ASSESSMENTS } from './screening/activity-records';
import { SCREENING_CRITERIA } from './screening/screening-criteria';
import { INCIDENT_OUTCOMES, INCIDENT_STATUSES, INCIDENT_STEP } from './incident/incident';
import { INSPECTION_PROCESS } from './inspection/inspection-checklist';

/** Outcomes that are also a status of another vocabulary share its entry (issue 10: one label per key). */
const SHARED_OUTCOMES = ['fixed', 'verified', ...INCIDENT_OUTCOMES];

const VOCABULARIES: Array<[string, readonly string[]]> = [
  ['roles', ROLES],
  ['org kinds', ORG_KINDS],
  ['member statuses', MEMBER_STATUSES],
  ['gradings', GRADINGS],
  ['education levels', EDUCATION_LEVELS],
  ['admission steps', ADMISSION_STEPS],
  ['admission phases', ADMISSION_PHASES],
  ['special verification cases', SPECIAL_VERIFICATION_CASES],
  ['grant statuses', GRANT_STATUSES],
  ['task timeliness', TIMELINESS_CLASSES],
  ['mail preferences (issue 12 §5)', MAIL_PREFERENCES],
  ['local criteria checks', LOCAL_CHECK_KINDS],
  ['inspection scopes', INSPECTION_SCOPES],
  ['inspection steps', INSPECTION_STEPS],
  ['inspection items', INSPECTION_ITEMS],
  ['finding results', FINDING_RESULTS],
  ['remediation statuses', REMEDIATION_STATUSES],
  ['inspection round statuses', INSPECTION_ROUND_STATUSES],
  ['screening steps', SCREENING_STEPS],
  ['screening phases', SCREENING_PHASES],
  ['removal forms', REMOVAL_FORMS],
  ['transfer steps', TRANSFER_STEPS],
  ['screening criteria', SCREENING_CRITERIA],
  ['attendance statuses', ATTENDANCE_STATUSES],
  ['discipline forms', DISCIPLINE_FORMS],
  ['residence assessments', RESIDENCE_ASSESSMENTS],
  ['incidents (issue 7 §2)', [INCIDENT_STEP, ...INCIDENT_OUTCOMES, ...INCIDENT_STATUSES, 'cancelled']],
  ['processes (issue 10)', ['admission', 'screening', 'transfer', INSPECTION_PROCESS]],
  [
    'task outcomes (issue 10; completeness against the contracts: apps/api task-form.spec)',
    Object.keys(OUTCOME_LABELS).filter((k) => !SHARED_OUTCOMES.includes(k)),
  ],
  [
    'enumerations of step data (issue 10)',
    ['youth_union', 'trade_union', 'residence_front', 'workplace', 'mass_organisation'],
  ],
];
const ALL_KEYS = VOCABULARIES.flatMap(([, keys]) => keys);

describe('glossary (English identifiers → Vietnamese labels)', () => {
  it.each(ALL_KEYS)('should have a Vietnamese NFC label when the key is %s', (key) => {
    const entry = GLOSSARY[key];
    expect(entry).toBeDefined();
    expect(entry.vi.trim().length).toBeGreaterThan(0);
    expect(entry.vi).not.toBe(key);
    expect(entry.vi.normalize('NFC')).toBe(entry.vi);
    if (entry.note !== undefined) expect(entry.note.normalize('NFC')).toBe(entry.note);
    expect(labelVi(key)).toBe(entry.vi);
  });

  it('should keep keys unique across vocabularies when they are merged', () => {
    expect(new Set(ALL_KEYS).size).toBe(ALL_KEYS.length);
    expect(Object.keys(GLOSSARY).sort()).toEqual([...ALL_KEYS].sort());
  });

  it.each(SHARED_OUTCOMES)('should label the outcome %s with the same entry as its other vocabulary', (key) => {
    expect(OUTCOME_LABELS[key]).toBe(GLOSSARY[key]);
  });

  it.each(Object.entries(FORM_FIELD_LABELS))('should title the data property %s in Vietnamese NFC', (name, entry) => {
    expect(entry.vi.trim().length).toBeGreaterThan(0);
    expect(entry.vi).not.toBe(name);
    expect(entry.vi.normalize('NFC')).toBe(entry.vi);
    if (entry.note !== undefined) expect(entry.note.normalize('NFC')).toBe(entry.note);
    expect(fieldLabelVi(name)).toBe(entry.vi);
  });

  it.each([
    ['official', 'Số đảng viên chính thức'],
    ['yes', 'Số phiếu tán thành'],
    ['minutesRef', 'Số biên bản họp'],
    ['toString', 'toString'],
  ])('should title the data property %s as %s', (name, expected) => {
    expect(fieldLabelVi(name)).toBe(expected);
  });

  it.each([
    ['background_check', 'Thẩm tra lý lịch'],
    ['admission', 'Kết nạp đảng viên'],
    ['favourable', 'Đồng ý'],
    ['not_improved', 'Không tiến bộ'],
    ['youth_union', 'Nghị quyết Đoàn Thanh niên cơ sở'],
    ['opinion_residence', 'Ý kiến chi ủy nơi cư trú'],
    ['cell_vote', 'Chi bộ biểu quyết đề nghị kết nạp'],
    ['decision', 'Quyết định kết nạp'],
    ['ceremony', 'Lễ kết nạp'],
    ['recognition_cell_vote', 'Chi bộ xét công nhận đảng viên chính thức'],
    ['excellent', 'Hoàn thành xuất sắc nhiệm vụ'],
    ['good', 'Hoàn thành tốt nhiệm vụ'],
    ['completed', 'Hoàn thành nhiệm vụ'],
    ['not_completed', 'Không hoàn thành nhiệm vụ'],
    ['cell', 'Chi bộ'],
    ['cell_secretary', 'Bí thư chi bộ'],
    ['probationary', 'Đảng viên dự bị'],
    ['official', 'Đảng viên chính thức'],
    ['incident', 'Sự cố'],
    ['retry', 'Thử lại bước'],
    ['skip', 'Bỏ qua bước'],
    ['cancel', 'Hủy hồ sơ'],
    ['cancelled', 'Đã hủy'],
  ])('should label %s as %s', (key, expected) => {
    expect(labelVi(key)).toBe(expected);
  });

  it.each(['unknown_key', 'toString', '__proto__', ''])('should return the key itself when %p is unknown', (key) => {
    expect(labelVi(key)).toBe(key);
  });

  it('should list admission steps in procedural order with labels', () => {
    expect(ADMISSION_STEP_OPTIONS.map((o) => o.key)).toEqual([...ADMISSION_STEPS]);
    expect(ADMISSION_STEP_OPTIONS[0].vi).toBe(labelVi('eligibility'));
  });

  it.each(SPECIAL_VERIFICATION_CASES)('should cite seed 003 when the special verification case is %s', (kind) => {
    expect(SPECIAL_VERIFICATION_CASE_INFO[kind].source).toContain('[seed:003]');
    expect(labelVi(kind)).toBe(SPECIAL_VERIFICATION_CASE_INFO[kind].vi);
  });
});
