import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 8 §2. Eligibility is a rule check with no task, so its deadline policy governed nothing; the
 * seed no longer writes it, and this removes the row the seed wrote into existing databases (an
 * administrator could otherwise change it and start a pointless re-timing). `down` restores the seeded row.
 */
export class RemoveEligibilityPolicy1764547200801 implements MigrationInterface {
  name = 'RemoveEligibilityPolicy1764547200801';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM deadline_policy WHERE process = 'admission' AND step = 'eligibility'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO deadline_policy
         (id, process, step, due_amount, due_unit, remind_amount, remind_unit, escalate_amount, escalate_unit,
          max_escalation_level, anchor, source, version, updated_by)
       VALUES (gen_random_uuid(), 'admission', 'eligibility', 10, 'working_days', 2, 'working_days', 5, 'working_days',
          2, 'task_opened', $1, 1, 'seed')
       ON CONFLICT (process, step) DO NOTHING`,
      [
        '[A] Không tìm thấy thời hạn; mặc định 10 ngày làm việc. Nhắc hạn và chuyển cấp (5 ngày làm việc, 2 cấp) là giả định [A].',
      ],
    );
  }
}
