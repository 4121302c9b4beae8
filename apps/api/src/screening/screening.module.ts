import { Module } from '@nestjs/common';
import { ScreeningClient } from './screening.client';
import { ScreeningController } from './screening.controller';
import { ScreeningService } from './screening.service';

/** Screening: flags, cases, progress notes and appeals, detection runs and their Schedule; their typed client. */
@Module({
  controllers: [ScreeningController],
  providers: [ScreeningService, ScreeningClient],
  // The case's read scope, for its documents (issue 14 §7).
  exports: [ScreeningService],
})
export class ScreeningModule {}
