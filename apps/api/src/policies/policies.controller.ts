import { Body, Controller, Get, HttpCode, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ApiResult, openApiSchema } from '../common/openapi';
import { PoliciesService, UpdatePolicyBody } from './policies.service';
import {
  PolicyChangeResponse,
  PolicyImpactResponse,
  PolicyOperationResponse,
  PolicyResponse,
} from './policies.responses';

@ApiTags('Thời hạn (deadline policies)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('deadline-policies')
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Get()
  @ApiOperation({ summary: 'Thời hạn của từng bước, có nguồn quy định' })
  @ApiResult(PolicyResponse, { list: true, name: 'DeadlinePolicy' })
  list() {
    return this.policies.list();
  }

  @Get('operations/:id')
  @ApiOperation({
    summary: 'Tiến độ tính lại hạn sau một lần thay đổi thời hạn: số hồ sơ đã xác nhận hạn mới, đã kết thúc, lỗi',
  })
  @ApiParam({
    name: 'id',
    description: 'operationId của một lần thay đổi (libs/contracts deadlinePolicyOperationId)',
    schema: { type: 'string', pattern: '^deadline-policy-', example: 'deadline-policy-admission-decision-v2' },
  })
  @ApiResult(PolicyOperationResponse, { name: 'PolicyOperation' })
  operation(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.policies.operation(user, id);
  }

  @Get(':process/:step/impact')
  @ApiOperation({
    summary:
      'Trước khi thay đổi thời hạn: số hồ sơ đang chờ bước này (sẽ được tính lại hạn) trong phạm vi của quản trị viên và toàn hệ thống',
  })
  @ApiResult(PolicyImpactResponse, { name: 'PolicyImpact' })
  impact(@CurrentUser() user: AuthUser, @Param('process') process: string, @Param('step') step: string) {
    return this.policies.impact(user, process, step);
  }

  @Put(':process/:step')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Quản trị viên thay đổi thời hạn; các hồ sơ đang chờ bước này được tính lại hạn trong một quy trình bền vững (trả về operationId)',
  })
  @ApiBody({ schema: openApiSchema(UpdatePolicyBody) })
  @ApiResult(PolicyChangeResponse, { status: 202, name: 'PolicyChange' })
  update(
    @CurrentUser() user: AuthUser,
    @Param('process') process: string,
    @Param('step') step: string,
    @Body() body: unknown,
  ) {
    return this.policies.update(user, process, step, body);
  }
}
