import { Module } from '@nestjs/common';
import { QuotasController } from './quotas.controller';
import { QuotasService } from './quotas.service';

/** Yearly admission quotas of organisations. */
@Module({
  controllers: [QuotasController],
  providers: [QuotasService],
})
export class QuotasModule {}
