import { Global, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@partyflow/config';
import type { Tracing } from '@partyflow/tracing';
import { AuthModule } from '../auth/auth.module';
import { APP_CONFIG } from '../tokens';
import { ApiErrorFilter } from './api-error';
import { ResponseSchemaInterceptor } from './response-schema.interceptor';
import { TextInputInterceptor } from './text-input';

/**
 * What the process gives the API: its configuration, the open database and the Temporal client; with
 * OTEL_EXPORTER_OTLP_ENDPOINT, its tracing (issue 12 §4: the client then carries its interceptors).
 */
export type ApiDeps = { config: AppConfig; dataSource: DataSource; client: Client; tracing?: Tracing };

/** Sends the API's last spans when it stops (issue 12 §4). */
class TracingShutdown implements OnApplicationShutdown {
  constructor(private readonly tracing: Tracing) {}
  async onApplicationShutdown(): Promise<void> {
    await this.tracing.shutdown().catch(() => undefined);
  }
}

/**
 * The values every capability module shares (issue 8 §2): the configuration, the data source, the
 * Temporal client (injected only into the typed clients), the auth guard with the service it asks, and
 * the error filter that turns every failure into `{error:{code,message,field}}`, and the response-schema
 * check of the e2e tests.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot({ config, dataSource, client, tracing }: ApiDeps): DynamicModule {
    return {
      module: CoreModule,
      imports: [AuthModule],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DataSource, useValue: dataSource },
        { provide: Client, useValue: client },
        { provide: APP_FILTER, useClass: ApiErrorFilter },
        // Checks answers against their declared schemas only when config.validateResponses (issue 10).
        { provide: APP_INTERCEPTOR, useClass: ResponseSchemaInterceptor },
        // A NUL or a lone surrogate in any request string is a 400 naming the field (issue 11 §9).
        { provide: APP_INTERCEPTOR, useClass: TextInputInterceptor },
        ...(tracing ? [{ provide: TracingShutdown, useValue: new TracingShutdown(tracing) }] : []),
      ],
      exports: [APP_CONFIG, DataSource, Client, AuthModule],
    };
  }
}
