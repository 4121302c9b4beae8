import { Module } from '@nestjs/common';
import { InspectionSchedulesClient } from './inspection-schedules.client';
import { InspectionsController } from './inspections.controller';
import { InspectionsService } from './inspections.service';

/** Inspection programmes (one Temporal Schedule each, through their typed client), rounds and cell inspections. */
@Module({
  controllers: [InspectionsController],
  providers: [InspectionsService, InspectionSchedulesClient],
})
export class InspectionsModule {}
