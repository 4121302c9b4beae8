import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';

/** The organisation tree and its changes; a move sends the open tasks of moved cases through the human-task client. */
@Module({
  imports: [TasksModule],
  controllers: [OrganisationsController],
  providers: [OrganisationsService],
})
export class OrganisationsModule {}
