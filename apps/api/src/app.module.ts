import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@partyflow/config';
import { AdmissionCasesService } from './admission/admission-cases.service';
import { AdmissionClient } from './admission/admission.client';
import { AdmissionController } from './admission/admission.controller';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { ApiErrorFilter } from './common/api-error';
import { MembersController } from './members/members.controller';
import { MembersService } from './members/members.service';
import { PoliciesController } from './policies/policies.controller';
import { PoliciesService } from './policies/policies.service';
import { SupervisionController } from './supervision/supervision.controller';
import { SupervisionService } from './supervision/supervision.service';
import { TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';
import { APP_CONFIG } from './tokens';

export type ApiDeps = { config: AppConfig; dataSource: DataSource; client: Client };

@Module({})
export class AppModule {
  static forRoot({ config, dataSource, client }: ApiDeps): DynamicModule {
    return {
      module: AppModule,
      controllers: [AuthController, TasksController, AdmissionController, SupervisionController, PoliciesController, MembersController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DataSource, useValue: dataSource },
        { provide: Client, useValue: client },
        { provide: APP_FILTER, useClass: ApiErrorFilter },
        AuthService, AuthGuard, TasksService, AdmissionClient, AdmissionCasesService, SupervisionService, PoliciesService, MembersService,
      ],
    };
  }
}
