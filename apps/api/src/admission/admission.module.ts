import { Module } from '@nestjs/common';
import { AdmissionCasesService } from './admission-cases.service';
import { AdmissionClient } from './admission.client';
import { AdmissionController } from './admission.controller';

/** Admission cases: starting them and reading them back; the admission workflow's typed client. */
@Module({
  controllers: [AdmissionController],
  providers: [AdmissionCasesService, AdmissionClient],
  // The case's read scope, for its documents (issue 14 §7).
  exports: [AdmissionCasesService],
})
export class AdmissionModule {}
