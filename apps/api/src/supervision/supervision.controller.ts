import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { SupervisionService } from './supervision.service';
import { ApiCursorQuery, ApiResult } from '../common/openapi';
import { OnTimeResponse, SupervisedTaskPageResponse } from './supervision.responses';

@ApiTags('Giám sát (supervision)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('supervision')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  @Get('overdue-tasks')
  @ApiOperation({
    summary: 'Nhiệm vụ quá hạn trong toàn bộ tổ chức cấp dưới của tôi, quá hạn lâu nhất trước, theo trang',
  })
  @ApiCursorQuery()
  @ApiResult(SupervisedTaskPageResponse, { name: 'SupervisedTaskPage' })
  overdue(@CurrentUser() user: AuthUser, @Query() query: unknown) {
    return this.supervision.overdue(user, query);
  }

  @Get('incidents')
  @ApiOperation({
    summary:
      'Sự cố (bước hệ thống không thực hiện được) của các hồ sơ trong tổ chức cấp dưới của tôi, cũ nhất trước, theo trang',
  })
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'resolved', 'all'] })
  @ApiCursorQuery()
  @ApiResult(SupervisedTaskPageResponse, { name: 'SupervisedTaskPage' })
  incidents(@CurrentUser() user: AuthUser, @Query() query: unknown) {
    return this.supervision.incidents(user, query);
  }

  @Get('on-time')
  @ApiOperation({
    summary: 'Nhiệm vụ đúng hạn / trễ hạn trong kỳ của tổ chức cấp dưới của tôi, theo tổ chức và theo bước',
  })
  @ApiQuery({ name: 'from', required: true, example: '2026-01-01' })
  @ApiQuery({ name: 'to', required: true, example: '2026-12-31' })
  @ApiResult(OnTimeResponse, { name: 'OnTime' })
  onTime(@CurrentUser() user: AuthUser, @Query() query: Record<string, string>) {
    return this.supervision.onTime(user, query);
  }
}
