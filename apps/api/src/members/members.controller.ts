import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { MEMBER_STATUSES } from '@partyflow/domain';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { MembersService } from './members.service';

@ApiTags('Đảng viên (members)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @ApiOperation({ summary: 'Đảng viên và quần chúng ưu tú trong tổ chức của tôi' })
  @ApiQuery({ name: 'status', required: false, enum: MEMBER_STATUSES })
  @ApiQuery({ name: 'orgId', required: false })
  @ApiQuery({ name: 'q', required: false, description: 'tìm theo họ tên' })
  list(@CurrentUser() user: AuthUser, @Query() query: Record<string, string>) {
    return this.members.list(user, query);
  }
}
