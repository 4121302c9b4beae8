import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { SupervisionService } from './supervision.service';

@ApiTags('Giám sát (supervision)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('supervision')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  @Get('overdue-tasks')
  @ApiOperation({ summary: 'Nhiệm vụ quá hạn trong toàn bộ tổ chức cấp dưới của tôi' })
  overdue(@CurrentUser() user: AuthUser) {
    return this.supervision.overdue(user);
  }
}
