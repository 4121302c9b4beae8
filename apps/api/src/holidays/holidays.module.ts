import { Module } from '@nestjs/common';
import { PoliciesModule } from '../policies/policies.module';
import { HolidaysController } from './holidays.controller';
import { HolidaysService } from './holidays.service';

/** The holiday calendar (issue 9 §5); a change re-times running cases through the policies' fan-out client. */
@Module({
  imports: [PoliciesModule],
  controllers: [HolidaysController],
  providers: [HolidaysService],
})
export class HolidaysModule {}
