import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource, QueryRunner } from 'typeorm';
import { DEFAULT_DEADLINE_POLICIES } from '@partyflow/domain';
import type { PostgresHandle } from '../../../../infra/postgres/embedded-postgres';
import { openDatabase } from '../data-source';
import { DeadlinePolicyEntity } from '../entities/deadline-policy.entity';
import { seedReferenceData } from '../seed';
import { startPostgresProcess } from '../testing/postgres-process';
import { RemoveEligibilityPolicy1764547200801 } from './1764547200801-remove-eligibility-policy';

/** Issue 8 §2: eligibility opens no task, so the policy the seed once wrote for it goes from existing databases. */
describe('migration 1764547200801: the eligibility deadline policy', () => {
  let dataDir: string;
  let pg: PostgresHandle;
  let ds: DataSource;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'partyflow-migration-'));
    pg = await startPostgresProcess({ dataDir, database: 'migration_test', fresh: true });
    ds = await openDatabase({ url: pg.url });
    await seedReferenceData(ds.manager);
  });

  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    if (pg) await pg.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('should delete the row an older seed wrote and touch no other policy, and down should restore it', async () => {
    const policies = ds.getRepository(DeadlinePolicyEntity);
    const migration = new RemoveEligibilityPolicy1764547200801();
    const run = async (step: (q: QueryRunner) => Promise<void>) => {
      const q = ds.createQueryRunner();
      try {
        await step(q);
      } finally {
        await q.release();
      }
    };
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
