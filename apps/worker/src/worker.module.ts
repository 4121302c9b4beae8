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
import { DataSource } from 'typeorm';
import type { AppConfig } from '@partyflow/config';
import { createWorker } from './worker.factory';
import { workerWorkflowBundle } from './workflow-bundle';

const CONFIG = Symbol('WORKER_CONFIG');

/** Runs the Temporal worker for the life of the NestJS application context. */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('TemporalWorker');
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { address, namespace, taskQueue } = this.config.temporal;
    // Production loads the prebuilt bundle (and fails here when it is missing); development bundles now.
    const workflowBundle = await workerWorkflowBundle(this.config);
    this.connection = await NativeConnection.connect({ address });
    this.worker = await createWorker({
      connection: this.connection,
      namespace,
      taskQueue,
      dataSource: this.dataSource,
      workflowBundle,
      mail: this.config.mail,
    });
    this.running = this.worker.run();
    // A worker that stops on its own (fatal error) must take the process down, not idle silently.
    this.running.catch((e) => {
      this.logger.error(`Worker stopped: ${(e as Error).stack}`);
      process.exit(1);
    });
    this.logger.log(`Worker polling ${namespace}/${taskQueue} at ${address}`);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}

@Module({})
export class WorkerModule {
  static forRoot({ config, dataSource }: { config: AppConfig; dataSource: DataSource }): DynamicModule {
    return {
      module: WorkerModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: DataSource, useValue: dataSource },
        TemporalWorkerService,
      ],
    };
  }
}
