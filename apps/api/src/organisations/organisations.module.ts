import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { CasePlaceClient } from './case-place.client';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';

/**
 * The organisation tree and its changes; a move sends the open tasks of moved cases through the human-task client
 * and the new deciding organisations to their running cases. The organisations import moves through its service.
 */
@Module({
  imports: [TasksModule],
  controllers: [OrganisationsController],
  providers: [OrganisationsService, CasePlaceClient],
  exports: [OrganisationsService],
})
export class OrganisationsModule {}
