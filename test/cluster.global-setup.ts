import globalSetup from '../libs/testing/src/global-setup';
import { startTestCluster } from '../libs/testing/src/cluster';

/**
 * The cluster run (issue 12 §2): the e2e run's global setup (PostgreSQL, the template database, the workflow
 * bundle), then the Temporal server on that PostgreSQL; startSystem() sees PARTYFLOW_TEST_CLUSTER_ADDRESS and runs
 * two workers and two API instances behind a round-robin proxy against it, in a namespace of their own.
 */
export default async function clusterGlobalSetup(): Promise<void> {
  await globalSetup();
  const stopCluster = await startTestCluster();
  const g = globalThis as { __partyflowStopPg?: () => Promise<void> };
  const stopPg = g.__partyflowStopPg;
  g.__partyflowStopPg = async () => {
    await stopCluster();
    await stopPg?.();
  };
}
