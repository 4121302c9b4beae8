import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Logger as PinoLogger } from 'pino';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@partyflow/config';
import { activityRetriesCounter, createLogger, createRegistry } from '@partyflow/observability';
import { startTracing, type Tracing } from '@partyflow/tracing';
import { createWorker } from './worker.factory';
import { startWorkerHttpServer, type WorkerHttpServer } from './worker-http';
import { countActivityRetries } from './worker-metrics';
import { workerWorkflowBundle } from './workflow-bundle';

const CONFIG = Symbol('WORKER_CONFIG');
const LOG = Symbol('WORKER_LOG');

/** Runs the Temporal worker for the life of the NestJS application context. */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('TemporalWorker');
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;
  private http?: WorkerHttpServer;
  private readonly registry = createRegistry();
  private tracing?: Tracing;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    @Inject(LOG) private readonly log: PinoLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { address, namespace, taskQueue } = this.config.temporal;
    // Production loads the prebuilt bundle (and fails here when it is missing); development bundles now.
    const workflowBundle = await workerWorkflowBundle(this.config);
    this.connection = await NativeConnection.connect({ address });
    // Traces over OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is set (issue 12 §4).
    this.tracing = startTracing(this.config, 'partyflow-worker');
    this.worker = await createWorker({
      connection: this.connection,
      namespace,
      taskQueue,
      dataSource: this.dataSource,
      workflowBundle,
      activityInterceptors: [countActivityRetries(activityRetriesCounter(this.registry))],
      tracing: this.tracing,
      mail: this.config.mail,
    });
    this.running = this.worker.run();
    // A worker that stops on its own (fatal error) must take the process down, not idle silently.
    this.running.catch((e) => {
      this.logger.error(`Worker stopped: ${(e as Error).stack}`);
      process.exit(1);
    });
    this.logger.log(`Worker polling ${namespace}/${taskQueue} at ${address}`);
    if (this.tracing) {
      this.logger.log(`Traces of ${this.tracing.serviceName} to ${this.config.tracing.otlpEndpoint} (OTLP/HTTP)`);
    }
    await this.startHttp();
  }

  /** Health and metrics (issue 12 §4) on WORKER_HTTP_HOST:WORKER_HTTP_PORT; none when the port is unset. */
  private async startHttp(): Promise<void> {
    const { host, port } = this.config.worker.http;
    if (port === undefined) return;
    this.http = await startWorkerHttpServer({
      host,
      port,
      workers: () => (this.worker ? [this.worker] : []),
      dataSource: this.dataSource,
      registry: this.registry,
      timeoutMs: this.config.observability.healthTimeoutMs,
      temporalMetricsAddress: this.config.worker.temporalMetricsAddress,
      metricsToken: this.config.observability.metricsToken,
      log: this.log,
    });
    this.log.info({ host, port: this.http.port }, `worker http on http://${host}:${this.http.port}`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.http?.close();
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
    // The spans of the last activities and workflow tasks.
    await this.tracing?.shutdown().catch((e: Error) => this.logger.warn(`Traces not sent at shutdown: ${e.message}`));
  }
}

@Module({})
export class WorkerModule {
  static forRoot({
    config,
    dataSource,
    log = createLogger({ service: 'partyflow-worker', level: config.logLevel }),
  }: {
    config: AppConfig;
    dataSource: DataSource;
    log?: PinoLogger;
  }): DynamicModule {
    return {
      module: WorkerModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOG, useValue: log },
        { provide: DataSource, useValue: dataSource },
        TemporalWorkerService,
      ],
    };
  }
}
