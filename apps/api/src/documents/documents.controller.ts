import { Controller, Get, Param, Query, Res, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ADMISSION_DOCUMENT_KINDS,
  DOCUMENT_CONTENT_TYPES,
  DOCUMENT_FORMATS,
  SCREENING_DOCUMENT_KINDS,
} from '@partyflow/documents';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ApiErrors, ApiFile, ApiResult } from '../common/openapi';
import { AdmissionDocumentsService } from './admission-documents.service';
import type { DocumentFile } from './case-documents';
import { CaseDocumentsResponse } from './documents.responses';
import { ScreeningDocumentsService } from './screening-documents.service';

const FILE_TYPES = Object.values(DOCUMENT_CONTENT_TYPES);
const FORMAT_QUERY = ApiQuery({ name: 'format', required: false, enum: DOCUMENT_FORMATS, description: 'mặc định pdf' });

function send(res: Response, file: DocumentFile): StreamableFile {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', file.disposition);
  return new StreamableFile(file.body);
}

/** The official papers of admission and screening cases (issue 14 §7), as DOCX or PDF, from the records. */
@ApiTags('Văn bản (documents)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller()
export class DocumentsController {
  constructor(
    private readonly admission: AdmissionDocumentsService,
    private readonly screening: ScreeningDocumentsService,
  ) {}

  @Get('admission-cases/:id/documents')
  @ApiOperation({ summary: 'Văn bản của hồ sơ kết nạp: loại nào đã có ở bước hiện tại, loại nào chưa và vì sao' })
  @ApiResult(CaseDocumentsResponse, { name: 'CaseDocuments' })
  admissionList(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.admission.list(user, id);
  }

  @Get('admission-cases/:id/documents/:kind')
  @ApiOperation({ summary: 'Tải văn bản của hồ sơ kết nạp (DOCX hoặc PDF); 409 nếu bước tạo ra văn bản chưa diễn ra' })
  @ApiParam({ name: 'kind', enum: ADMISSION_DOCUMENT_KINDS })
  @FORMAT_QUERY
  @ApiFile(FILE_TYPES)
  @ApiErrors(409)
  async admissionFile(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('kind') kind: string,
    @Query() query: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    return send(res, await this.admission.download(user, id, kind, query));
  }

  @Get('screening/cases/:id/documents')
  @ApiOperation({ summary: 'Văn bản của hồ sơ rà soát: loại nào đã có ở bước hiện tại, loại nào chưa và vì sao' })
  @ApiResult(CaseDocumentsResponse, { name: 'CaseDocuments' })
  screeningList(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.screening.list(user, id);
  }

  @Get('screening/cases/:id/documents/:kind')
  @ApiOperation({ summary: 'Tải văn bản của hồ sơ rà soát (DOCX hoặc PDF); 409 nếu bước tạo ra văn bản chưa diễn ra' })
  @ApiParam({ name: 'kind', enum: SCREENING_DOCUMENT_KINDS })
  @FORMAT_QUERY
  @ApiFile(FILE_TYPES)
  @ApiErrors(409)
  async screeningFile(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('kind') kind: string,
    @Query() query: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    return send(res, await this.screening.download(user, id, kind, query));
  }
}
