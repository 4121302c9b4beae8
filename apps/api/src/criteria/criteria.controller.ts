import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ApiResult, openApiSchema } from '../common/openapi';
import { CriteriaInForceResponse, CriteriaSetResponse } from './criteria.responses';
import { CreateCriteriaBody, CriteriaService, EditCriteriaBody, RetireCriteriaBody } from './criteria.service';

@ApiTags('Tiêu chuẩn riêng (committee criteria sets)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('criteria')
export class CriteriaController {
  constructor(private readonly criteria: CriteriaService) {}

  @Get()
  @ApiOperation({
    summary:
      'Các bộ tiêu chuẩn kết nạp riêng áp dụng cho một tổ chức (của cấp ủy đó và các cấp trên) và của các cấp ủy trực thuộc, kèm trạng thái hiệu lực',
  })
  @ApiQuery({ name: 'orgId', required: true })
  @ApiResult(CriteriaSetResponse, { list: true, name: 'CriteriaSet' })
  list(@CurrentUser() user: AuthUser, @Query() query: unknown) {
    return this.criteria.list(user, query);
  }

  @Get('in-force')
  @ApiOperation({
    summary:
      'Bộ tiêu chuẩn một hồ sơ của tổ chức sẽ dùng vào một ngày (ngày chi bộ xét): của cấp ủy gần nhất có bộ đang hiệu lực ngày đó',
  })
  @ApiQuery({ name: 'orgId', required: true })
  @ApiQuery({ name: 'onDate', required: false, description: 'YYYY-MM-DD (mặc định: hôm nay theo giờ Việt Nam)' })
  @ApiResult(CriteriaInForceResponse, { name: 'CriteriaInForce' })
  inForce(@CurrentUser() user: AuthUser, @Query() query: unknown) {
    return this.criteria.inForce(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Xem một bộ tiêu chuẩn riêng' })
  @ApiResult(CriteriaSetResponse, { name: 'CriteriaSet' })
  read(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.criteria.read(user, id);
  }

  @Post()
  @ApiOperation({
    summary:
      'Ban Thường vụ cấp ủy (hoặc quản trị viên cấp đó trở lên) ban hành bộ tiêu chuẩn kết nạp riêng, cao hơn quy định chung, theo văn bản và thời gian hiệu lực',
  })
  @ApiBody({ schema: openApiSchema(CreateCriteriaBody) })
  @ApiResult(CriteriaSetResponse, { status: 201, name: 'CriteriaSet' })
  create(@CurrentUser() user: AuthUser, @Body() body: unknown) {
    return this.criteria.create(user, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Sửa bộ tiêu chuẩn riêng (tên, văn bản, thời gian hiệu lực, các tiêu chí), có lý do' })
  @ApiBody({ schema: openApiSchema(EditCriteriaBody) })
  @ApiResult(CriteriaSetResponse, { name: 'CriteriaSet' })
  edit(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.criteria.edit(user, id, body);
  }

  @Post(':id/retire')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Bãi bỏ bộ tiêu chuẩn riêng, có lý do: từ nay các hồ sơ đến bước chi bộ xét không dùng bộ này nữa',
  })
  @ApiBody({ schema: openApiSchema(RetireCriteriaBody) })
  @ApiResult(CriteriaSetResponse, { name: 'CriteriaSet' })
  retire(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.criteria.retire(user, id, body);
  }
}
