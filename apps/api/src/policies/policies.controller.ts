import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ApiResult, openApiSchema } from '../common/openapi';
import { PoliciesService } from './policies.service';
import { ClearOverrideBody, PreviewPolicyBody, UpdatePolicyBody } from './policies.schemas';
import {
  PolicyChangeResponse,
  PolicyImpactResponse,
  PolicyOperationResponse,
  PolicyPreviewResponse,
  PolicyResponse,
} from './policies.responses';

@ApiTags('Thời hạn (deadline policies)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('deadline-policies')
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Get()
  @ApiOperation({
    summary:
      'Thời hạn của từng bước, có nguồn quy định: thời hạn chung toàn quốc, hoặc (orgId) thời hạn đang áp dụng tại một tổ chức (thời hạn riêng của tổ chức gần nhất ở cấp đó hoặc cấp trên, nếu có)',
  })
  @ApiQuery({ name: 'orgId', required: false, description: 'tổ chức thuộc phạm vi của người dùng' })
  @ApiResult(PolicyResponse, { list: true, name: 'DeadlinePolicy' })
  list(@CurrentUser() user: AuthUser, @Query('orgId') orgId?: string) {
    return this.policies.list(user, orgId);
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
  @ApiQuery({ name: 'orgId', required: false, description: 'thời hạn riêng của tổ chức này; không có: thời hạn chung' })
  @ApiResult(PolicyImpactResponse, { name: 'PolicyImpact' })
  impact(
    @CurrentUser() user: AuthUser,
    @Param('process') process: string,
    @Param('step') step: string,
    @Query('orgId') orgId?: string,
  ) {
    return this.policies.impact(user, process, step, orgId);
  }

  @Post(':process/:step/preview')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Xem trước một thay đổi thời hạn, không thay đổi gì: các hồ sơ đang chờ bước này sẽ được tính lại hạn, hạn cũ và hạn mới của từng nhiệm vụ, nhiệm vụ nào sẽ quá hạn hoặc bị báo cáo lên cấp trên ngay, số lượng theo từng tổ chức; trả về previewId để ghi kèm khi áp dụng',
  })
  @ApiBody({ schema: openApiSchema(PreviewPolicyBody) })
  @ApiResult(PolicyPreviewResponse, { name: 'PolicyPreview' })
  preview(
    @CurrentUser() user: AuthUser,
    @Param('process') process: string,
    @Param('step') step: string,
    @Body() body: unknown,
  ) {
    return this.policies.preview(user, process, step, body);
  }

  @Put(':process/:step')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Quản trị viên cấp cao nhất thay đổi thời hạn chung; các hồ sơ đang chờ bước này (trừ nơi có thời hạn riêng) được tính lại hạn trong một quy trình bền vững (trả về operationId)',
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

  @Put(':process/:step/overrides/:orgId')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Quản trị viên của tổ chức hoặc cấp trên đặt thời hạn riêng cho tổ chức và cấp dưới: chỉ được rút ngắn thời hạn đang áp dụng ở cấp trên, cùng đơn vị (400 nêu due.amount, due.unit); các hồ sơ đang chờ trong phạm vi được tính lại hạn',
  })
  @ApiBody({ schema: openApiSchema(UpdatePolicyBody) })
  @ApiResult(PolicyChangeResponse, { status: 202, name: 'PolicyOverrideChange' })
  setOverride(
    @CurrentUser() user: AuthUser,
    @Param('process') process: string,
    @Param('step') step: string,
    @Param('orgId') orgId: string,
    @Body() body: unknown,
  ) {
    return this.policies.setOverride(user, process, step, orgId, body);
  }

  @Post(':process/:step/overrides/:orgId/clear')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Bỏ thời hạn riêng của tổ chức: tổ chức và cấp dưới trở lại thời hạn đang áp dụng ở cấp trên; các hồ sơ đang chờ trong phạm vi được tính lại hạn',
  })
  @ApiBody({ schema: openApiSchema(ClearOverrideBody) })
  @ApiResult(PolicyChangeResponse, { status: 202, name: 'PolicyOverrideClear' })
  clearOverride(
    @CurrentUser() user: AuthUser,
    @Param('process') process: string,
    @Param('step') step: string,
    @Param('orgId') orgId: string,
    @Body() body: unknown,
  ) {
    return this.policies.clearOverride(user, process, step, orgId, body);
  }
}
