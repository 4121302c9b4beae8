import type { DataSource } from 'typeorm';
import type { AuditActivities } from '@partyflow/contracts';
import { localDateOf } from '@partyflow/domain';
import { recordAuditDigest } from '@partyflow/persistence';

/** The audit ledger's daily digest (issue 14 §5): one row per local date; a retried run records nothing twice. */
export function createAuditActivities({ dataSource }: { dataSource: DataSource }): AuditActivities {
  return {
    async recordAuditDigest({ at }) {
      const { day, seq, hash, recorded } = await recordAuditDigest(dataSource, localDateOf(at), new Date(at));
      return { day, seq, hash, recorded };
    },
  };
}
