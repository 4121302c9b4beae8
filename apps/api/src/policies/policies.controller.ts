import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { openApiSchema } from '../common/openapi';
import { PoliciesService, UpdatePolicyBody } from './policies.service';

@ApiTags('Thời hạn (deadline policies)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('deadline-policies')
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Get()
  @ApiOperation({ summary: 'Thời hạn của từng bước, có nguồn quy định' })
  list() {
    return this.policies.list();
  }

  @Put(':process/:step')
  @ApiOperation({ summary: 'Quản trị viên thay đổi thời hạn; các hồ sơ đang chờ bước này được tính lại hạn' })
  @ApiBody({ schema: openApiSchema(UpdatePolicyBody) })
  update(@CurrentUser() user: AuthUser, @Param('process') process: string, @Param('step') step: string, @Body() body: unknown) {
    return this.policies.update(user, process, step, body);
  }
}
