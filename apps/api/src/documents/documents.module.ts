import { Module } from '@nestjs/common';
import { AdmissionModule } from '../admission/admission.module';
import { ScreeningModule } from '../screening/screening.module';
import { AdmissionDocumentsService } from './admission-documents.service';
import { DocumentsController } from './documents.controller';
import { ScreeningDocumentsService } from './screening-documents.service';

/**
 * The official papers (issue 14 §7): the records of a case gathered into the document models of
 * @partyflow/documents and rendered as DOCX or PDF; the read scope is the case's own (admission, screening).
 */
@Module({
  imports: [AdmissionModule, ScreeningModule],
  controllers: [DocumentsController],
  providers: [AdmissionDocumentsService, ScreeningDocumentsService],
})
export class DocumentsModule {}
