import { Module } from '@nestjs/common';
import { ReassignmentsController } from './reassignments.controller';
import { ReassignmentsService } from './reassignments.service';
import { TaskReassignmentClient } from './task-reassignment.client';

/** Bulk reassignment of open tasks (issue 14 §2), a durable operation through each case's reassignment update. */
@Module({
  controllers: [ReassignmentsController],
  providers: [ReassignmentsService, TaskReassignmentClient],
  exports: [ReassignmentsService],
})
export class ReassignmentsModule {}
