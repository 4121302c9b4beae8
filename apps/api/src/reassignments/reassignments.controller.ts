import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ApiResult, openApiSchema } from '../common/openapi';
import { TaskReassignmentResponse } from './reassignments.responses';
import { ReassignmentBody, ReassignmentsService } from './reassignments.service';

@ApiTags('Chuyển nhiệm vụ hàng loạt (bulk reassignment)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('task-reassignments')
export class ReassignmentsController {
  constructor(private readonly reassignments: ReassignmentsService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Quản trị viên hoặc cán bộ giám sát chuyển mọi nhiệm vụ đang mở khớp bộ lọc (tổ chức và cấp dưới, quy trình, bước, hoặc nhiệm vụ của một người đã nghỉ) sang người nhận khác, có lý do; chạy bền vững, báo tiến độ và những gì đã chuyển',
  })
  @ApiBody({ schema: openApiSchema(ReassignmentBody) })
  @ApiResult(TaskReassignmentResponse, { status: 202, name: 'TaskReassignment' })
  start(@CurrentUser() user: AuthUser, @Body() body: unknown) {
    return this.reassignments.start(user, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Tiến độ của một lần chuyển nhiệm vụ hàng loạt: số đã chuyển, không đổi, lỗi; danh sách' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiResult(TaskReassignmentResponse, { name: 'TaskReassignment' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.reassignments.get(user, id);
  }
}
