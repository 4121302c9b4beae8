import { Controller, Get, Param, Query, Res, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ApiResult } from '../common/openapi';
import { REPORT_FILE_TYPES, ReportResponse } from './reports.responses';
import { REPORT_KINDS, ReportsService } from './reports.service';

@ApiTags('Báo cáo (reports)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get(':kind')
  @ApiOperation({
    summary:
      'Báo cáo kết nạp, rà soát, kiểm tra, nhiệm vụ đúng hạn / trễ hạn của tổ chức và cấp dưới trong kỳ; tải về CSV hoặc Excel',
  })
  @ApiParam({ name: 'kind', enum: REPORT_KINDS })
  @ApiQuery({ name: 'orgId', required: true })
  @ApiQuery({ name: 'from', required: true, example: '2026-01-01' })
  @ApiQuery({ name: 'to', required: true, example: '2026-12-31' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv', 'xlsx'] })
  @ApiResult(ReportResponse, { name: 'Report', files: REPORT_FILE_TYPES })
  async report(
    @CurrentUser() user: AuthUser,
    @Param('kind') kind: string,
    @Query() query: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.reports.build(user, kind, query);
    if (result.format === 'json') return result.report;
    const { body, contentType, fileName } = result.file;
    res.setHeader('Content-Type', contentType);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    );
    // CSV is one buffer; Excel a stream written while it is sent (one overload each).
    return Buffer.isBuffer(body) ? new StreamableFile(body) : new StreamableFile(body);
  }
}
