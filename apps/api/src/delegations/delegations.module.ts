import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { DelegationsController } from './delegations.controller';
import { DelegationsService } from './delegations.service';

/** Delegation grants and their revocation, which moves open decision tasks through the human-task client. */
@Module({
  imports: [TasksModule],
  controllers: [DelegationsController],
  providers: [DelegationsService],
})
export class DelegationsModule {}
