import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ApiResult, openApiSchema } from '../common/openapi';
import { SubstituteCandidateResponse, SubstitutionResponse } from './substitutions.responses';
import { SubstitutionBody, SubstitutionRevokeBody, SubstitutionsService } from './substitutions.service';

@ApiTags('Người thay khi vắng mặt (out-of-office substitutes)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('substitutions')
export class SubstitutionsController {
  constructor(private readonly substitutions: SubstitutionsService) {}

  @Post()
  @ApiOperation({
    summary:
      'Người giữ vai trò cử người thay khi vắng mặt: cùng tổ chức, vai trò bằng hoặc cao hơn, từ ngày đến ngày (giờ Việt Nam); quản trị viên cấp trên có thể cử thay cho người khác',
  })
  @ApiBody({ schema: openApiSchema(SubstitutionBody) })
  @ApiResult(SubstitutionResponse, { status: 201, name: 'Substitution' })
  create(@CurrentUser() user: AuthUser, @Body() body: unknown) {
    return this.substitutions.create(user, body);
  }

  @Get()
  @ApiOperation({ summary: 'Các việc thay thế trong tổ chức này và cấp dưới, kèm trạng thái' })
  @ApiQuery({ name: 'orgId', required: true })
  @ApiResult(SubstitutionResponse, { list: true, name: 'Substitution' })
  list(@CurrentUser() user: AuthUser, @Query() query: unknown) {
    return this.substitutions.list(user, query);
  }

  @Get('candidates')
  @ApiOperation({
    summary:
      'Những người có thể thay tôi trong tổ chức này: cùng tổ chức, vai trò đang hiệu lực bằng hoặc cao hơn một vai trò của tôi',
  })
  @ApiQuery({ name: 'orgId', required: true })
  @ApiResult(SubstituteCandidateResponse, { list: true, name: 'SubstituteCandidate' })
  candidates(@CurrentUser() user: AuthUser, @Query() query: unknown) {
    return this.substitutions.candidates(user, query);
  }

  @Get('mine')
  @ApiOperation({ summary: 'Các việc thay thế đang hoặc sắp có hiệu lực mà tôi là người vắng mặt hoặc người thay' })
  @ApiResult(SubstitutionResponse, { list: true, name: 'Substitution' })
  mine(@CurrentUser() user: AuthUser) {
    return this.substitutions.mine(user);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Thu hồi việc thay thế, có lý do' })
  @ApiBody({ schema: openApiSchema(SubstitutionRevokeBody) })
  @ApiResult(SubstitutionResponse, { name: 'SubstitutionRevocation' })
  revoke(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.substitutions.revoke(user, id, body);
  }
}
