import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { OrganisationsService } from '../organisations/organisations.service';
import { IMPORT_KINDS } from './import-registry';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { MEMBERS_IMPORT } from './members.import';
import { organisationsImport } from './organisations.import';
import { USERS_IMPORT } from './users.import';

/** Imports from spreadsheets (issue 9 §4): the framework and its registered kinds. */
@Module({
  imports: [OrganisationsModule],
  controllers: [ImportsController],
  providers: [
    ImportsService,
    {
      provide: IMPORT_KINDS,
      useFactory: (organisations: OrganisationsService) => [
        MEMBERS_IMPORT,
        organisationsImport(organisations),
        USERS_IMPORT,
      ],
      inject: [OrganisationsService],
    },
  ],
})
export class ImportsModule {}
