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
import { PolicyFanOutClient } from './policies/policy-fan-out.client';
import { SupervisionController } from './supervision/supervision.controller';
import { SupervisionService } from './supervision/supervision.service';
import { TasksController } from './tasks/tasks.controller';
import { HumanTaskClient } from './tasks/human-task.client';
import { TasksService } from './tasks/tasks.service';
import { QuotasController } from './quotas/quotas.controller';
import { QuotasService } from './quotas/quotas.service';
import { DelegationsController } from './delegations/delegations.controller';
import { DelegationsService } from './delegations/delegations.service';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { RecordsController, RecordsImportController } from './records/records.controller';
import { RecordsImportService } from './records/records-import.service';
import { RecordsService } from './records/records.service';
import { InspectionSchedulesClient } from './inspections/inspection-schedules.client';
import { InspectionsController } from './inspections/inspections.controller';
import { InspectionsService } from './inspections/inspections.service';
import { ScreeningClient } from './screening/screening.client';
import { ScreeningController } from './screening/screening.controller';
import { ScreeningService } from './screening/screening.service';
import { TransfersController } from './transfers/transfers.controller';
import { TransferClient } from './transfers/transfer.client';
import { TransfersService } from './transfers/transfers.service';
import { APP_CONFIG } from './tokens';

export type ApiDeps = { config: AppConfig; dataSource: DataSource; client: Client };

@Module({})
export class AppModule {
  static forRoot({ config, dataSource, client }: ApiDeps): DynamicModule {
    return {
      module: AppModule,
      controllers: [
        ScreeningController,
        TransfersController,
        AuthController,
        TasksController,
        AdmissionController,
        SupervisionController,
        PoliciesController,
        MembersController,
        QuotasController,
        DelegationsController,
        ReportsController,
        RecordsController,
        RecordsImportController,
        InspectionsController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DataSource, useValue: dataSource },
        { provide: Client, useValue: client },
        { provide: APP_FILTER, useClass: ApiErrorFilter },
        ScreeningClient,
        ScreeningService,
        TransferClient,
        TransfersService,
        AuthService,
        AuthGuard,
        HumanTaskClient,
        TasksService,
        AdmissionClient,
        AdmissionCasesService,
        SupervisionService,
        PolicyFanOutClient,
        PoliciesService,
        MembersService,
        QuotasService,
        DelegationsService,
        ReportsService,
        RecordsService,
        RecordsImportService,
        InspectionSchedulesClient,
        InspectionsService,
      ],
    };
  }
}
