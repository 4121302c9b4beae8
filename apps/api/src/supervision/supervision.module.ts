import { Module } from '@nestjs/common';
import { SupervisionController } from './supervision.controller';
import { SupervisionService } from './supervision.service';

/** Supervision views: overdue tasks and incidents below the user's organisations. */
@Module({
  controllers: [SupervisionController],
  providers: [SupervisionService],
})
export class SupervisionModule {}
