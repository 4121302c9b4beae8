import { Module } from '@nestjs/common';
import { IMPORT_KINDS } from './import-registry';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { MEMBERS_IMPORT } from './members.import';

/** Imports from spreadsheets (issue 9 §4): the framework and its registered kinds. */
@Module({
  controllers: [ImportsController],
  providers: [ImportsService, { provide: IMPORT_KINDS, useValue: [MEMBERS_IMPORT] }],
})
export class ImportsModule {}
