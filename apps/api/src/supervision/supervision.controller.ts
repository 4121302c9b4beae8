import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { SupervisionService } from './supervision.service';
import { ApiResult } from '../common/openapi';
import { TaskResponse } from '../tasks/tasks.responses';

@ApiTags('Giám sát (supervision)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('supervision')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  @Get('overdue-tasks')
  @ApiOperation({ summary: 'Nhiệm vụ quá hạn trong toàn bộ tổ chức cấp dưới của tôi' })
  @ApiResult(TaskResponse, { list: true, name: 'Task' })
  overdue(@CurrentUser() user: AuthUser) {
    return this.supervision.overdue(user);
  }

  @Get('incidents')
  @ApiOperation({ summary: 'Sự cố (bước hệ thống không thực hiện được) của các hồ sơ trong tổ chức cấp dưới của tôi' })
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'resolved', 'all'] })
  @ApiResult(TaskResponse, { list: true, name: 'Task' })
  incidents(@CurrentUser() user: AuthUser, @Query() query: Record<string, string>) {
    return this.supervision.incidents(user, query);
  }
}
