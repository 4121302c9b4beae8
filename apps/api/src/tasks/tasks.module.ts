import { Module } from '@nestjs/common';
import { HumanTaskClient } from './human-task.client';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

/** The task inbox and task completion; exports the human-task client (complete, reassign) other capabilities use. */
@Module({
  controllers: [TasksController],
  providers: [TasksService, HumanTaskClient],
  exports: [HumanTaskClient],
})
export class TasksModule {}
