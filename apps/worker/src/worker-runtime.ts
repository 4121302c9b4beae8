import { Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { AppConfig } from '@partyflow/config';
import { PinoTemporalLogger, temporalLevelOf } from '@partyflow/observability';

/**
 * The worker process's Temporal Runtime (issue 12 §4), installed once, before any connection: the SDK's logs (its
 * own, the workflow and activity loggers, and the native Core's, forwarded; Core below WARN only at debug or trace)
 * as pino JSON lines, and, when TEMPORAL_SDK_METRICS_ADDRESS is set, the SDK's Prometheus exporter there (the
 * worker's /metrics includes it).
 */
export function installWorkerRuntime(config: AppConfig, log: Logger): Runtime {
  const level = temporalLevelOf(config.logLevel);
  const address = config.worker.temporalMetricsAddress;
  return Runtime.install({
    logger: new PinoTemporalLogger(log.child({ component: 'temporal' })),
    telemetryOptions: {
      logging: { forward: {}, filter: { core: level === 'TRACE' || level === 'DEBUG' ? level : 'WARN' } },
      ...(address ? { metrics: { prometheus: { bindAddress: address } } } : {}),
    },
  });
}
