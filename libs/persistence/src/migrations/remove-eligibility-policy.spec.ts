import type { DataSource, QueryRunner } from 'typeorm';
import { DEFAULT_DEADLINE_POLICIES } from '@partyflow/domain';
import { DeadlinePolicyEntity } from '../entities/deadline-policy.entity';
import { seedReferenceData } from '../seed';
import { runMigrationStep, useScratchDatabase } from '../testing/postgres-process';
import { RemoveEligibilityPolicy1764547200801 } from './1764547200801-remove-eligibility-policy';

/** Issue 8 §2: eligibility opens no task, so the policy the seed once wrote for it goes from existing databases. */
describe('migration 1764547200801: the eligibility deadline policy', () => {
  const scratch = useScratchDatabase('migration_test');
  let ds: DataSource;

  beforeAll(async () => {
    ds = scratch.ds;
    await seedReferenceData(ds.manager);
  });

  it('should delete the row an older seed wrote and touch no other policy, and down should restore it', async () => {
    const policies = ds.getRepository(DeadlinePolicyEntity);
    const migration = new RemoveEligibilityPolicy1764547200801();
    const run = (step: (q: QueryRunner) => Promise<void>) => runMigrationStep(ds, step);
    expect(await policies.count()).toBe(DEFAULT_DEADLINE_POLICIES.length);
    expect(await policies.existsBy({ process: 'admission', step: 'eligibility' })).toBe(false);

    // A database seeded before the change holds the row as the seed wrote it (what `down` puts back).
    await run((q) => migration.down(q));
    expect(await policies.findOneByOrFail({ process: 'admission', step: 'eligibility' })).toMatchObject({
      dueAmount: 10,
      dueUnit: 'working_days',
      remindAmount: 2,
      escalateAmount: 5,
      maxEscalationLevel: 2,
      anchor: 'task_opened',
      version: 1,
      updatedBy: 'seed',
    });
    expect(await policies.count()).toBe(DEFAULT_DEADLINE_POLICIES.length + 1);

    await run((q) => migration.up(q));
    expect(await policies.existsBy({ process: 'admission', step: 'eligibility' })).toBe(false);
    expect(await policies.count()).toBe(DEFAULT_DEADLINE_POLICIES.length);
  });
});
