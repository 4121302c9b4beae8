import { Module } from '@nestjs/common';
import { SubstitutionsController } from './substitutions.controller';
import { SubstitutionsService } from './substitutions.service';

/** Out-of-office substitutes (issue 14 §2); the inbox and completions under them go through the tasks. */
@Module({
  controllers: [SubstitutionsController],
  providers: [SubstitutionsService],
})
export class SubstitutionsModule {}
