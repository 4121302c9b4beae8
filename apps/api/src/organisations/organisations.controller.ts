import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ORG_KINDS } from '@partyflow/domain';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ApiCursorQuery, ApiResult, openApiSchema } from '../common/openapi';
import {
  CloseOrganisationBody,
  CreateOrganisationBody,
  MoveOrganisationBody,
  OrganisationsService,
  RenameOrganisationBody,
} from './organisations.service';
import {
  ORGANISATION_NODE_COMPONENT,
  organisationNodeJsonSchema,
  MoveOrganisationResponse,
  OrganisationNodeResponse,
  OrganisationPageResponse,
  OrganisationResponse,
} from './organisations.responses';

@ApiTags('Tổ chức đảng (organisations)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @ApiOperation({
    summary: 'Danh sách tổ chức đảng trong phạm vi của tôi (hoặc dưới rootId), theo cấp rồi theo mã, theo trang',
  })
  @ApiQuery({ name: 'rootId', required: false })
  @ApiQuery({ name: 'kind', required: false, enum: ORG_KINDS })
  @ApiQuery({ name: 'q', required: false, description: 'tìm theo tên hoặc mã' })
  @ApiQuery({ name: 'includeClosed', required: false, enum: ['true', 'false'] })
  @ApiCursorQuery()
  @ApiResult(OrganisationPageResponse, { name: 'OrganisationPage' })
  list(@CurrentUser() user: AuthUser, @Query() query: unknown) {
    return this.organisations.list(user, query);
  }

  @Get('tree')
  @ApiOperation({ summary: 'Cây tổ chức đảng (lồng nhau) dưới rootId hoặc các tổ chức của tôi' })
  @ApiQuery({ name: 'rootId', required: false })
  @ApiQuery({ name: 'includeClosed', required: false, enum: ['true', 'false'] })
  @ApiResult(OrganisationNodeResponse, {
    list: true,
    name: ORGANISATION_NODE_COMPONENT,
    jsonSchema: organisationNodeJsonSchema(),
  })
  tree(@CurrentUser() user: AuthUser, @Query() query: unknown) {
    return this.organisations.tree(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Một tổ chức đảng' })
  @ApiResult(OrganisationResponse, { name: 'Organisation' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.organisations.get(user, id);
  }

  @Post()
  @ApiOperation({ summary: 'Thành lập tổ chức đảng (quản trị viên của tổ chức cấp trên)' })
  @ApiBody({ schema: openApiSchema(CreateOrganisationBody) })
  @ApiResult(OrganisationResponse, { status: 201, name: 'Organisation' })
  create(@CurrentUser() user: AuthUser, @Body() body: unknown) {
    return this.organisations.create(user, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Đổi tên tổ chức đảng, kèm lý do' })
  @ApiBody({ schema: openApiSchema(RenameOrganisationBody) })
  @ApiResult(OrganisationResponse, { name: 'Organisation' })
  rename(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.organisations.rename(user, id, body);
  }

  @Post(':id/move')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Chuyển tổ chức đảng sang trực thuộc tổ chức khác: cả cây con, nhiệm vụ, hồ sơ, giám sát và báo cáo đi theo nơi mới',
  })
  @ApiBody({ schema: openApiSchema(MoveOrganisationBody) })
  @ApiResult(MoveOrganisationResponse, { name: 'MoveOrganisationResult' })
  move(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.organisations.move(user, id, body);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đóng tổ chức đảng (giải thể, sáp nhập); không bao giờ xóa tổ chức đã có lịch sử' })
  @ApiBody({ schema: openApiSchema(CloseOrganisationBody) })
  @ApiResult(OrganisationResponse, { name: 'Organisation' })
  close(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.organisations.close(user, id, body);
  }
}
