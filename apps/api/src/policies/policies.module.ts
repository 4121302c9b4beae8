import { Module } from '@nestjs/common';
import { PoliciesController } from './policies.controller';
import { PoliciesService } from './policies.service';
import { PolicyFanOutClient } from './policy-fan-out.client';

/** Deadline policies; a change is carried to running cases by the fan-out workflow, through its typed client. */
@Module({
  controllers: [PoliciesController],
  providers: [PoliciesService, PolicyFanOutClient],
  exports: [PolicyFanOutClient],
})
export class PoliciesModule {}
