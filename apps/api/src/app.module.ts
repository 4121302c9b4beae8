import { Module, type DynamicModule } from '@nestjs/common';
import { AdmissionModule } from './admission/admission.module';
import { AuditLogModule } from './audit-log/audit-log.module';
import { AuthModule } from './auth/auth.module';
import { CoreModule, type ApiDeps } from './common/core.module';
import { CriteriaModule } from './criteria/criteria.module';
import { DelegationsModule } from './delegations/delegations.module';
import { ProxiesModule } from './proxies/proxies.module';
import { ReassignmentsModule } from './reassignments/reassignments.module';
import { SubstitutionsModule } from './substitutions/substitutions.module';
import { DocumentsModule } from './documents/documents.module';
import { HolidaysModule } from './holidays/holidays.module';
import { ImportsModule } from './imports/imports.module';
import { InspectionsModule } from './inspections/inspections.module';
import { MembersModule } from './members/members.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { PoliciesModule } from './policies/policies.module';
import { QuotasModule } from './quotas/quotas.module';
import { RecordsModule } from './records/records.module';
import { ReportsModule } from './reports/reports.module';
import { ScreeningModule } from './screening/screening.module';
import { SupervisionModule } from './supervision/supervision.module';
import { TasksModule } from './tasks/tasks.module';
import { TransfersModule } from './transfers/transfers.module';
import { UsersModule } from './users/users.module';

export type { ApiDeps } from './common/core.module';

/** The API: the shared core and one module per capability (issue 8 §2); it declares nothing itself. */
@Module({})
export class AppModule {
  static forRoot(deps: ApiDeps): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(deps),
        ScreeningModule,
        TransfersModule,
        AuthModule,
        TasksModule,
        AdmissionModule,
        DocumentsModule,
        SupervisionModule,
        PoliciesModule,
        MembersModule,
        QuotasModule,
        DelegationsModule,
        ProxiesModule,
        ReassignmentsModule,
        SubstitutionsModule,
        ReportsModule,
        // Before RecordsModule: its POST /imports/:kind would take /imports/members.
        ImportsModule,
        RecordsModule,
        InspectionsModule,
        HolidaysModule,
        OrganisationsModule,
        NotificationsModule,
        AuditLogModule,
        CriteriaModule,
        UsersModule,
      ],
    };
  }
}
