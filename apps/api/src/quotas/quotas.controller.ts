import { Body, Controller, Get, Param, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ApiResult, openApiSchema } from '../common/openapi';
import { QuotaSetResponse, QuotaViewResponse } from './quotas.responses';
import { QuotasService, SetQuotaBody } from './quotas.service';

/** A quota's year, as quotas.service.ts validates it. */
const YEAR_SCHEMA = { type: 'integer', minimum: 2000, maximum: 2100 };

@ApiTags('Chỉ tiêu kết nạp (admission quotas)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('quotas')
export class QuotasController {
  constructor(private readonly quotas: QuotasService) {}

  @Put(':orgId/:year')
  @ApiOperation({
    summary: 'Ban Tổ chức, Ban Thường vụ cấp trên (hoặc quản trị) giao chỉ tiêu kết nạp năm cho tổ chức đảng',
  })
  @ApiParam({ name: 'year', schema: YEAR_SCHEMA })
  @ApiBody({ schema: openApiSchema(SetQuotaBody) })
  @ApiResult(QuotaSetResponse, { name: 'QuotaSet' })
  set(
    @CurrentUser() user: AuthUser,
    @Param('orgId') orgId: string,
    @Param('year') year: string,
    @Body() body: unknown,
  ) {
    return this.quotas.set(user, orgId, year, body);
  }

  @Get()
  @ApiOperation({ summary: 'Tiến độ thực hiện chỉ tiêu kết nạp của tổ chức và các tổ chức cơ sở, chi bộ trực thuộc' })
  @ApiQuery({ name: 'orgId', required: true })
  @ApiQuery({ name: 'year', required: false, schema: YEAR_SCHEMA })
  @ApiResult(QuotaViewResponse, { name: 'QuotaView' })
  view(@CurrentUser() user: AuthUser, @Query() query: unknown) {
    return this.quotas.view(user, query);
  }
}
