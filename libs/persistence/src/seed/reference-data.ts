import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DEFAULT_DEADLINE_POLICIES, type DeadlinePolicy } from '@partyflow/domain';

/** A public holiday (ngày nghỉ lễ) that working-day arithmetic skips. */
export type HolidaySeed = { date: string; name: string };

const TET_DUONG_LICH = 'Tết Dương lịch';
const TET_NGUYEN_DAN = 'Tết Nguyên đán';
const GIO_TO = 'Giỗ Tổ Hùng Vương (10/3 âm lịch)';
const GIAI_PHONG = 'Ngày Chiến thắng (30/4)';
const QUOC_TE_LAO_DONG = 'Ngày Quốc tế Lao động (1/5)';
const QUOC_KHANH = 'Quốc khánh (2/9)';
const QUOC_KHANH_EXTRA = 'Nghỉ Quốc khánh (ngày liền kề 2/9, Bộ luật Lao động Điều 112)';

const tet = (dates: string[], label: string): HolidaySeed[] =>
  dates.map((date) => ({ date, name: `${TET_NGUYEN_DAN} ${label}` }));

/**
 * Vietnamese public holidays 2025–2027 (Bộ luật Lao động 2019 Điều 112). Only weekdays are
 * listed: weekends are skipped by the working-day arithmetic anyway. '[A]' marks a date the
 * Government had not fixed when this was written (or a compensatory day derived from
 * Điều 111 khoản 3); an administrator corrects them in the holiday table.
 */
export const VIETNAM_HOLIDAYS: readonly HolidaySeed[] = [
  // 2025
  { date: '2025-01-01', name: TET_DUONG_LICH },
  ...tet(['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'], 'Ất Tỵ (nghỉ 25/1–2/2/2025)'),
  { date: '2025-04-07', name: GIO_TO },
  { date: '2025-04-30', name: GIAI_PHONG },
  { date: '2025-05-01', name: QUOC_TE_LAO_DONG },
  { date: '2025-09-01', name: QUOC_KHANH_EXTRA },
  { date: '2025-09-02', name: QUOC_KHANH },
  // 2026
  { date: '2026-01-01', name: TET_DUONG_LICH },
  ...tet(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'], 'Bính Ngọ (nghỉ 14/2–22/2/2026)'),
  { date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch là Chủ nhật 26/4/2026)' },
  { date: '2026-04-30', name: GIAI_PHONG },
  { date: '2026-05-01', name: QUOC_TE_LAO_DONG },
  { date: '2026-09-01', name: `${QUOC_KHANH_EXTRA} [A]` },
  { date: '2026-09-02', name: QUOC_KHANH },
  // 2027
  { date: '2027-01-01', name: TET_DUONG_LICH },
  ...tet(['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'], 'Đinh Mùi (dự kiến) [A]'),
  { date: '2027-04-16', name: `${GIO_TO} [A]` },
  { date: '2027-04-30', name: GIAI_PHONG },
  { date: '2027-05-03', name: 'Nghỉ bù Ngày Quốc tế Lao động (1/5/2027 là thứ Bảy) [A]' },
  { date: '2027-09-02', name: QUOC_KHANH },
  { date: '2027-09-03', name: `${QUOC_KHANH_EXTRA} [A]` },
].map((holiday) => ({ date: holiday.date, name: holiday.name.normalize('NFC') }));

async function insertPolicy(em: EntityManager, policy: DeadlinePolicy): Promise<void> {
  await em.query(
    `INSERT INTO deadline_policy
       (id, process, step, due_amount, due_unit, remind_amount, remind_unit, escalate_amount, escalate_unit,
        max_escalation_level, anchor, source, version, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, 'seed')
     ON CONFLICT (process, step) DO NOTHING`,
    [
      randomUUID(),
      policy.process,
      policy.step,
      policy.due.amount,
      policy.due.unit,
      policy.remindBefore.amount,
      policy.remindBefore.unit,
      policy.escalateEvery.amount,
      policy.escalateEvery.unit,
      policy.maxEscalationLevel,
      policy.anchor,
      policy.source.normalize('NFC'),
    ],
  );
}

/**
 * Inserts the default deadline policies and the public holidays that are missing. Idempotent,
 * and never overwrites a row an administrator has changed (ON CONFLICT DO NOTHING).
 */
export async function seedReferenceData(em: EntityManager): Promise<void> {
  for (const policy of DEFAULT_DEADLINE_POLICIES) await insertPolicy(em, policy);
  for (const holiday of VIETNAM_HOLIDAYS) {
    await em.query('INSERT INTO holiday (date, name) VALUES ($1, $2) ON CONFLICT (date) DO NOTHING', [
      holiday.date,
      holiday.name,
    ]);
  }
}
