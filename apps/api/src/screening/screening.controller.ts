import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { appealSchema, progressNoteSchema } from '@partyflow/contracts';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ApiCursorQuery, ApiResult, openApiSchema } from '../common/openapi';
import { DetectionRunBody, DetectionScheduleBody, FlagBody, ScreeningService } from './screening.service';
import { cursorPageOf, TimelineEntry } from '../common/response-schemas';
import {
  AppealResponse,
  DetectionRunResponse,
  DetectionScheduleResponse,
  DetectionStartResponse,
  FlagResponse,
  ProgressNoteResponse,
  ScreeningCaseResponse,
  ScreeningCaseSummaryResponse,
} from './screening.responses';

@ApiTags('Rà soát, sàng lọc (screening, 02-HD/BTCTƯ)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('screening')
export class ScreeningController {
  constructor(private readonly screening: ScreeningService) {}

  @Post('flags')
  @ApiOperation({
    summary: 'Chi ủy nêu trường hợp cần rà soát (tiêu chí và căn cứ); mở hồ sơ rà soát, 409 nếu đã có hồ sơ đang xử lý',
  })
  @ApiBody({ schema: openApiSchema(FlagBody) })
  @ApiResult(FlagResponse, { status: 201, name: 'ScreeningFlagResult' })
  flag(@CurrentUser() user: AuthUser, @Body() body: unknown) {
    return this.screening.flag(user, body);
  }

  @Get('cases')
  @ApiOperation({ summary: 'Hồ sơ rà soát trong tổ chức của tôi, mới nhất trước, theo trang' })
  @ApiQuery({ name: 'orgId', required: false, description: 'chỉ tổ chức này và cấp dưới' })
  @ApiQuery({ name: 'status', required: false, enum: ['in_progress', 'dismissed', 'improved', 'removed', 'kept'] })
  @ApiCursorQuery()
  @ApiResult(cursorPageOf(ScreeningCaseSummaryResponse), { name: 'ScreeningCasePage' })
  list(@CurrentUser() user: AuthUser, @Query() query: Record<string, string>) {
    return this.screening.list(user, query);
  }

  @Get('cases/:id')
  @ApiOperation({ summary: 'Hồ sơ rà soát: căn cứ, các bước, biểu quyết, ghi nhận tiến bộ' })
  @ApiResult(ScreeningCaseResponse, { name: 'ScreeningCase' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.screening.get(user, id);
  }

  @Get('cases/:id/timeline')
  @ApiOperation({ summary: 'Nhật ký hồ sơ rà soát' })
  @ApiResult(TimelineEntry, { list: true, name: 'TimelineEntry' })
  timeline(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.screening.timeline(user, id);
  }

  @Post('cases/:id/progress-notes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ghi nhận tiến bộ tại kỳ sinh hoạt hằng tháng (trong thời gian giúp đỡ)' })
  @ApiBody({ schema: openApiSchema(progressNoteSchema) })
  @ApiResult(ProgressNoteResponse, { name: 'ProgressNoteResult' })
  note(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.screening.addProgressNote(user, id, body);
  }

  @Post('cases/:id/appeal')
  @HttpCode(200)
  @ApiOperation({ summary: 'Khiếu nại quyết định xóa tên / khai trừ / cho ra khỏi Đảng (trong thời hạn)' })
  @ApiBody({ schema: openApiSchema(appealSchema) })
  @ApiResult(AppealResponse, { name: 'AppealResult' })
  appeal(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.screening.fileAppeal(user, id, body);
  }

  @Post('detection-runs')
  @ApiOperation({ summary: 'Chạy rà soát phát hiện theo dữ liệu sinh hoạt cho một tổ chức và cấp dưới' })
  @ApiBody({ schema: openApiSchema(DetectionRunBody) })
  @ApiResult(DetectionStartResponse, { status: 201, name: 'DetectionRunStarted' })
  detect(@CurrentUser() user: AuthUser, @Body() body: unknown) {
    return this.screening.startDetection(user, body);
  }

  @Get('detection-runs/:id')
  @ApiOperation({ summary: 'Tiến độ và kết quả một đợt rà soát' })
  @ApiResult(DetectionRunResponse, { name: 'DetectionRun' })
  run(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.screening.detectionRun(user, id);
  }

  @Put('detection-schedules/:orgId')
  @ApiOperation({ summary: 'Quản trị viên đặt lịch rà soát hằng tháng (ngày, giờ, tạm dừng)' })
  @ApiBody({ schema: openApiSchema(DetectionScheduleBody) })
  @ApiResult(DetectionScheduleResponse, { name: 'DetectionSchedule' })
  schedule(@CurrentUser() user: AuthUser, @Param('orgId') orgId: string, @Body() body: unknown) {
    return this.screening.upsertSchedule(user, orgId, body);
  }

  @Get('detection-schedules/:orgId')
  @ApiOperation({ summary: 'Lịch rà soát định kỳ và các lần chạy kế tiếp' })
  @ApiResult(DetectionScheduleResponse, { name: 'DetectionSchedule' })
  describe(@CurrentUser() user: AuthUser, @Param('orgId') orgId: string) {
    return this.screening.describeSchedule(user, orgId);
  }
}
