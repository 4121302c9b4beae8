import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AppConfig } from '@partyflow/config';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ApiResult, openApiSchema } from '../common/openapi';
import { CsvRowErrorFilter } from './csv-import.error';
import { RecordsImportService } from './records-import.service';
import { RecordsService } from './records.service';
import {
  AttendanceBody,
  DisciplineBody,
  DuesBody,
  GradingBody,
  IMPORT_KINDS,
  ResidenceCommentBody,
  importColumnsDoc,
} from './records.schemas';
import { readTextBody } from './text-body.util';
import { APP_CONFIG } from '../tokens';
import {
  AttendanceWriteResponse,
  DisciplineWriteResponse,
  DuesWriteResponse,
  GradingWriteResponse,
  MemberRecordsResponse,
  RecordsImportResponse,
  ResidenceCommentWriteResponse,
} from './records.responses';

@ApiTags('Hồ sơ sinh hoạt đảng (activity records)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('members')
export class RecordsController {
  constructor(private readonly records: RecordsService) {}

  @Post(':id/attendance')
  @ApiOperation({ summary: 'Ghi điểm danh sinh hoạt chi bộ một tháng (ghi đè theo đảng viên + tháng)' })
  @ApiBody({ schema: openApiSchema(AttendanceBody) })
  @ApiResult(AttendanceWriteResponse, { status: 201, name: 'AttendanceWritten' })
  attendance(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.records.recordAttendance(user, id, body);
  }

  @Post(':id/dues')
  @ApiOperation({ summary: 'Ghi đảng phí một tháng; paidOn null = chưa đóng (ghi đè theo đảng viên + tháng)' })
  @ApiBody({ schema: openApiSchema(DuesBody) })
  @ApiResult(DuesWriteResponse, { status: 201, name: 'DuesWritten' })
  dues(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.records.recordDues(user, id, body);
  }

  @Post(':id/gradings')
  @ApiOperation({ summary: 'Ghi xếp loại chất lượng một năm (ghi đè theo đảng viên + năm)' })
  @ApiBody({ schema: openApiSchema(GradingBody) })
  @ApiResult(GradingWriteResponse, { status: 201, name: 'GradingWritten' })
  gradings(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.records.recordGrading(user, id, body);
  }

  @Post(':id/disciplines')
  @ApiOperation({ summary: 'Ghi một quyết định kỷ luật với thời hạn' })
  @ApiBody({ schema: openApiSchema(DisciplineBody) })
  @ApiResult(DisciplineWriteResponse, { status: 201, name: 'DisciplineWritten' })
  disciplines(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.records.recordDiscipline(user, id, body);
  }

  @Post(':id/residence-comments')
  @ApiOperation({ summary: 'Ghi nhận xét hằng năm của chi ủy nơi cư trú (QĐ 213-QĐ/TW; ghi đè theo đảng viên + năm)' })
  @ApiBody({ schema: openApiSchema(ResidenceCommentBody) })
  @ApiResult(ResidenceCommentWriteResponse, { status: 201, name: 'ResidenceCommentWritten' })
  residenceComments(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.records.recordResidenceComment(user, id, body);
  }

  @Get(':id/records')
  @ApiOperation({ summary: 'Toàn bộ hồ sơ sinh hoạt của một đảng viên' })
  @ApiResult(MemberRecordsResponse, { name: 'MemberRecords' })
  memberRecords(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.records.memberRecords(user, id);
  }
}

@ApiTags('Hồ sơ sinh hoạt đảng (activity records)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@UseFilters(CsvRowErrorFilter)
@Controller('imports')
export class RecordsImportController {
  constructor(
    private readonly imports: RecordsImportService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post(':kind')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Nhập hồ sơ sinh hoạt từ tệp CSV (tất cả hoặc không)',
    description:
      'Thân yêu cầu là văn bản CSV (content-type: text/csv, UTF-8, tối đa 5 MB) với dòng tiêu đề; cột theo tên (? = không bắt buộc). ' +
      `${importColumnsDoc()}. Tháng dạng YYYY-MM, ngày dạng YYYY-MM-DD, member_id là UUID của đảng viên; from_org/to_org/residence_org là mã hoặc UUID của tổ chức đảng. ` +
      'Dòng sai đầu tiên làm cả tệp bị từ chối (400 CSV_ROW_INVALID, field "row N, column C", dòng tiêu đề là dòng 1) và không dòng nào được ghi.',
  })
  @ApiParam({ name: 'kind', enum: IMPORT_KINDS })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'member_id,month,status,reason\n<uuid>,2026-01,present,\n' } })
  @ApiResult(RecordsImportResponse, { status: 201, name: 'RecordsImportResult' })
  async import(@CurrentUser() user: AuthUser, @Param('kind') kind: string, @Req() req: Request) {
    return this.imports.import(
      user,
      kind,
      await readTextBody(req, { limitBytes: this.config.api.limits.recordsCsvBytes }),
    );
  }
}
