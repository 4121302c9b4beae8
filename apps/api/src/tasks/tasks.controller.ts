import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ApiCursorQuery, ApiResult, openApiSchema } from '../common/openapi';
import { CompleteTaskBody, RepromiseBody, TasksService } from './tasks.service';
import {
  CompleteTaskResponse,
  RepromiseTaskResponse,
  TaskCountsResponse,
  TaskDetailResponse,
  TaskPageResponse,
} from './tasks.responses';

const TASK_SEARCH_DESCRIPTION =
  'Tìm theo tên người (ứng viên, đảng viên, chi bộ) hoặc tiêu đề, không phân biệt dấu và chữ hoa: "nguyen thu trang" tìm thấy "Nguyễn Thu Trang"';

@ApiTags('Nhiệm vụ (tasks)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get('mine')
  @ApiOperation({
    summary: 'Hộp việc: nhiệm vụ giao cho vai trò của tôi, quá hạn trước, rồi theo hạn xử lý, theo trang',
  })
  @ApiQuery({ name: 'process', required: false })
  @ApiQuery({ name: 'step', required: false })
  @ApiQuery({ name: 'overdue', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'completed', 'all'] })
  @ApiQuery({ name: 'q', required: false, description: TASK_SEARCH_DESCRIPTION })
  @ApiCursorQuery()
  @ApiResult(TaskPageResponse, { name: 'TaskPage' })
  mine(@CurrentUser() user: AuthUser, @Query() query: Record<string, string>) {
    return this.tasks.mine(user, query);
  }

  @Get('mine/counts')
  @ApiOperation({ summary: 'Số nhiệm vụ của hộp việc theo quy trình (cùng bộ lọc với hộp việc)' })
  @ApiQuery({ name: 'process', required: false })
  @ApiQuery({ name: 'step', required: false })
  @ApiQuery({ name: 'overdue', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'completed', 'all'] })
  @ApiQuery({ name: 'q', required: false, description: TASK_SEARCH_DESCRIPTION })
  @ApiResult(TaskCountsResponse, { name: 'TaskCounts' })
  counts(@CurrentUser() user: AuthUser, @Query() query: Record<string, string>) {
    return this.tasks.counts(user, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Một nhiệm vụ, với biểu mẫu của bước (kết quả, JSON Schema của dữ liệu, ngưỡng biểu quyết)',
  })
  @ApiResult(TaskDetailResponse, { name: 'TaskDetail' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.tasks.get(user, id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hoàn thành nhiệm vụ với kết quả, ý kiến và dữ liệu của bước (409 nếu đã xong)' })
  @ApiBody({ schema: openApiSchema(CompleteTaskBody) })
  @ApiResult(CompleteTaskResponse, { name: 'CompleteTaskResult' })
  complete(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.tasks.complete(user, id, body);
  }

  @Post(':id/repromise')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Phiếu hẹn lại: người được giao một nhiệm vụ đã quá hạn cam kết một ngày mới, có lý do (tối đa số ngày làm việc và số lần theo cấu hình); cán bộ giám sát cấp trên được báo, việc chuyển cấp trên theo ngày mới',
  })
  @ApiBody({ schema: openApiSchema(RepromiseBody) })
  @ApiResult(RepromiseTaskResponse, { name: 'RepromiseTaskResult' })
  repromise(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.tasks.repromise(user, id, body);
  }
}
