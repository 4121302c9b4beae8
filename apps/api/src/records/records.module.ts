import { Module } from '@nestjs/common';
import { RecordsImportService } from './records-import.service';
import { RecordsController, RecordsImportController } from './records.controller';
import { RecordsService } from './records.service';

/** Member activity records: one at a time and CSV imports. */
@Module({
  controllers: [RecordsController, RecordsImportController],
  providers: [RecordsService, RecordsImportService],
})
export class RecordsModule {}
