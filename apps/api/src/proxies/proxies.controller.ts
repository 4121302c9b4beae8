import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ApiResult, openApiSchema } from '../common/openapi';
import { ProxyCandidatesResponse, ProxyGrantResponse } from './proxies.responses';
import { ProxiesService, ProxyGrantBody, ProxyRevokeBody } from './proxies.service';

@ApiTags('Làm thay có xác nhận (proxy work)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('proxy-grants')
export class ProxiesController {
  constructor(private readonly proxies: ProxiesService) {}

  @Post()
  @ApiOperation({
    summary:
      'Đảng ủy cơ sở ghi ủy nhiệm thường xuyên: một cán bộ được hoàn thành thay nhiệm vụ của một người không tự dùng được hệ thống (ví dụ bí thư chi bộ cao tuổi), trong phạm vi đảng ủy, có thời hạn',
  })
  @ApiBody({ schema: openApiSchema(ProxyGrantBody) })
  @ApiResult(ProxyGrantResponse, { status: 201, name: 'ProxyGrant' })
  grant(@CurrentUser() user: AuthUser, @Body() body: unknown) {
    return this.proxies.grant(user, body);
  }

  @Get()
  @ApiOperation({ summary: 'Các ủy nhiệm của đảng ủy cơ sở thuộc tổ chức này và cấp dưới, kèm trạng thái' })
  @ApiQuery({ name: 'orgId', required: true })
  @ApiResult(ProxyGrantResponse, { list: true, name: 'ProxyGrant' })
  list(@CurrentUser() user: AuthUser, @Query() query: unknown) {
    return this.proxies.list(user, query);
  }

  @Get('candidates')
  @ApiOperation({
    summary:
      'Những người có thể ghi trong một ủy nhiệm của đảng ủy cơ sở này: người được làm thay (giữ vai trò trong phạm vi) và cán bộ làm thay (tài khoản đang dùng của phạm vi)',
  })
  @ApiQuery({ name: 'orgId', required: true })
  @ApiResult(ProxyCandidatesResponse, { name: 'ProxyCandidates' })
  candidates(@CurrentUser() user: AuthUser, @Query() query: unknown) {
    return this.proxies.candidates(user, query);
  }

  @Get('mine')
  @ApiOperation({ summary: 'Các ủy nhiệm đang hiệu lực cho tôi làm thay người khác' })
  @ApiResult(ProxyGrantResponse, { list: true, name: 'ProxyGrant' })
  mine(@CurrentUser() user: AuthUser) {
    return this.proxies.mine(user);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Thu hồi ủy nhiệm, có lý do' })
  @ApiBody({ schema: openApiSchema(ProxyRevokeBody) })
  @ApiResult(ProxyGrantResponse, { name: 'ProxyGrantRevocation' })
  revoke(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.proxies.revoke(user, id, body);
  }
}
