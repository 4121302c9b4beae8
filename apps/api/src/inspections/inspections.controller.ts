import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ApiResult, openApiSchema } from '../common/openapi';
import {
  InspectionProgrammeDetailResponse,
  InspectionProgrammeResponse,
  InspectionRoundDetailResponse,
  InspectionRoundResponse,
  CellInspectionResponse,
} from './inspections.responses';
import { CreateProgrammeBody, InspectionsService, IntervalBody, NoteBody } from './inspections.service';

@ApiTags('Kiểm tra chi bộ 6 tháng (inspections)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller()
export class InspectionsController {
  constructor(private readonly inspections: InspectionsService) {}

  @Post('inspection-programmes')
  @ApiOperation({
    summary: 'Quản trị viên lập chương trình kiểm tra (một lịch Temporal Schedule, mặc định 6 tháng một lần)',
  })
  @ApiBody({ schema: openApiSchema(CreateProgrammeBody) })
  @ApiResult(InspectionProgrammeDetailResponse, { status: 201, name: 'InspectionProgrammeDetail' })
  create(@CurrentUser() user: AuthUser, @Body() body: unknown) {
    return this.inspections.create(user, body);
  }

  @Get('inspection-programmes')
  @ApiOperation({
    summary:
      'Các chương trình kiểm tra của tổ chức (orgId) và cấp dưới, hoặc của mọi tổ chức mà người dùng có vai trò và cấp dưới',
  })
  @ApiQuery({ name: 'orgId', required: false })
  @ApiResult(InspectionProgrammeResponse, { list: true, name: 'InspectionProgramme' })
  list(@CurrentUser() user: AuthUser, @Query() query: unknown) {
    return this.inspections.list(user, query);
  }

  @Get('inspection-programmes/:id')
  @ApiOperation({ summary: 'Chương trình kiểm tra, trạng thái lịch và các lần chạy tiếp theo' })
  @ApiResult(InspectionProgrammeDetailResponse, { name: 'InspectionProgrammeDetail' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.inspections.get(user, id);
  }

  @Post('inspection-programmes/:id/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Tạm dừng lịch kiểm tra' })
  @ApiBody({ schema: openApiSchema(NoteBody), required: false })
  @ApiResult(InspectionProgrammeDetailResponse, { name: 'InspectionProgrammeDetail' })
  pause(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.inspections.pause(user, id, body);
  }

  @Post('inspection-programmes/:id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Tiếp tục lịch kiểm tra' })
  @ApiBody({ schema: openApiSchema(NoteBody), required: false })
  @ApiResult(InspectionProgrammeDetailResponse, { name: 'InspectionProgrammeDetail' })
  resume(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.inspections.resume(user, id, body);
  }

  @Post('inspection-programmes/:id/trigger')
  @HttpCode(200)
  @ApiOperation({ summary: 'Bắt đầu ngay một đợt kiểm tra' })
  @ApiResult(InspectionProgrammeDetailResponse, { name: 'InspectionProgrammeDetail' })
  trigger(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.inspections.trigger(user, id);
  }

  @Put('inspection-programmes/:id/interval')
  @ApiOperation({ summary: 'Đổi chu kỳ kiểm tra (số tháng là ước của 12)' })
  @ApiBody({ schema: openApiSchema(IntervalBody) })
  @ApiResult(InspectionProgrammeDetailResponse, { name: 'InspectionProgrammeDetail' })
  interval(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.inspections.updateInterval(user, id, body);
  }

  @Get('inspection-programmes/:id/rounds')
  @ApiOperation({ summary: 'Các đợt kiểm tra của chương trình' })
  @ApiResult(InspectionRoundResponse, { list: true, name: 'InspectionRound' })
  rounds(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.inspections.rounds(user, id);
  }

  @Get('inspection-rounds/:id')
  @ApiOperation({ summary: 'Một đợt kiểm tra: các chi bộ, trạng thái và số hạn chế' })
  @ApiResult(InspectionRoundDetailResponse, { name: 'InspectionRoundDetail' })
  round(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.inspections.round(user, id);
  }

  @Get('cell-inspections/:id')
  @ApiOperation({
    summary: 'Kiểm tra một chi bộ: đoàn kiểm tra, từng nội dung với số liệu điền sẵn, kết luận, việc khắc phục',
  })
  @ApiResult(CellInspectionResponse, { name: 'CellInspection' })
  cellInspection(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.inspections.cellInspection(user, id);
  }
}
