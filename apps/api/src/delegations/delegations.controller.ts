import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ApiResult, openApiSchema } from '../common/openapi';
import { GrantResponse, RevokeResponse } from './delegations.responses';
import { DelegationsService, GrantBody, RevokeBody } from './delegations.service';

@ApiTags('Ủy quyền (delegation of authority)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('delegations')
export class DelegationsController {
  constructor(private readonly delegations: DelegationsService) {}

  @Post()
  @ApiOperation({
    summary:
      'Ban Thường vụ cấp ủy ủy quyền cho đảng ủy cơ sở trực thuộc quyết định kết nạp hoặc khai trừ trong một thời hạn',
  })
  @ApiBody({ schema: openApiSchema(GrantBody) })
  @ApiResult(GrantResponse, { status: 201, name: 'DelegationGrant' })
  grant(@CurrentUser() user: AuthUser, @Body() body: unknown) {
    return this.delegations.grant(user, body);
  }

  @Get()
  @ApiOperation({
    summary:
      'Danh sách ủy quyền của tổ chức và cấp dưới, kèm trạng thái (đang hiệu lực, hết hiệu lực, đã thu hồi, chưa hiệu lực)',
  })
  @ApiQuery({ name: 'orgId', required: true })
  @ApiResult(GrantResponse, { list: true, name: 'DelegationGrant' })
  list(@CurrentUser() user: AuthUser, @Query() query: unknown) {
    return this.delegations.list(user, query);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Thu hồi ủy quyền: các quyết định đang chờ của đảng ủy cơ sở chuyển về Ban Thường vụ cấp ủy ủy quyền',
  })
  @ApiBody({ schema: openApiSchema(RevokeBody) })
  @ApiResult(RevokeResponse, { name: 'DelegationRevocation' })
  revoke(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.delegations.revoke(user, id, body);
  }
}
