import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ApiCursorQuery, ApiResult, openApiSchema } from '../common/openapi';
import { CreateUserBody, GrantRoleBody, MailSettingsBody, ReasonBody, SetPasswordBody } from './users.schemas';
import { DisableUserBody, UsersService } from './users.service';
import { DisableUserResponse, RoleAssignmentResponse, UserPageResponse, UserResponse } from './users.responses';

const RIGHTS =
  'Chỉ quản trị hệ thống (administrator) đang có hiệu lực tại tổ chức hoặc cấp trên. Không ai cấp quyền vượt phạm vi của mình: chỉ quản trị cấp quyền (kể cả quyền quản trị) và chỉ tại tổ chức thuộc phạm vi quản trị của mình (403).';
const MANAGE =
  'Chỉ quản trị ở cấp trên của tổ chức của người dùng và của mọi tổ chức mà người dùng đang giữ vai trò có hiệu lực (403).';

@ApiTags('Người dùng và phân quyền (users)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({
    summary: 'Tạo người dùng cho một đảng viên (memberId) hoặc cán bộ (organisationId, fullName)',
    description: `${RIGHTS} Tên đăng nhập không trùng (409 USERNAME_TAKEN); một đảng viên một tài khoản (409 MEMBER_HAS_USER). Mật khẩu tối thiểu 8 ký tự, có chữ và số, không trùng tên đăng nhập. Không bao giờ trả về mật khẩu hay mã băm. Ghi nhật ký user.created.`,
  })
  @ApiBody({ schema: openApiSchema(CreateUserBody) })
  @ApiResult(UserResponse, { status: 201, name: 'User' })
  create(@CurrentUser() user: AuthUser, @Body() body: unknown) {
    return this.users.create(user, body);
  }

  @Get()
  @ApiOperation({
    summary: 'Người dùng thuộc phạm vi quản trị của tôi (tìm theo tên đăng nhập, họ tên không dấu), theo trang',
    description: 'Chỉ quản trị hệ thống (403). Theo tên đăng nhập.',
  })
  @ApiQuery({ name: 'orgId', required: false, description: 'tổ chức của người dùng' })
  @ApiQuery({ name: 'q', required: false, description: 'tên đăng nhập hoặc họ tên, có dấu hoặc không dấu' })
  @ApiQuery({ name: 'disabled', required: false, enum: ['true', 'false'] })
  @ApiCursorQuery()
  @ApiResult(UserPageResponse, { name: 'UserPage' })
  list(@CurrentUser() user: AuthUser, @Query() query: unknown) {
    return this.users.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Một người dùng và các phân quyền (có hiệu lực hay không, lý do cấp, thu hồi)' })
  @ApiParam({ name: 'id', description: 'UUID' })
  @ApiResult(UserResponse, { name: 'User' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.users.get(user, id);
  }

  @Put(':id/password')
  @ApiOperation({ summary: 'Đặt lại mật khẩu (kèm lý do; ghi nhật ký user.password_set)', description: MANAGE })
  @ApiParam({ name: 'id', description: 'UUID' })
  @ApiBody({ schema: openApiSchema(SetPasswordBody) })
  @ApiResult(UserResponse, { name: 'User' })
  setPassword(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.users.setPassword(user, id, body);
  }

  @Put(':id/mail')
  @ApiOperation({
    summary: 'Đặt địa chỉ thư điện tử và cách nhận thư thông báo (ngay, chỉ tổng hợp hằng ngày, không nhận)',
    description: `${MANAGE} email null: không gửi thư. mailPreference mặc định immediate. Kèm lý do; ghi nhật ký user.mail_set.`,
  })
  @ApiParam({ name: 'id', description: 'UUID' })
  @ApiBody({ schema: openApiSchema(MailSettingsBody) })
  @ApiResult(UserResponse, { name: 'User' })
  setMail(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.users.setMail(user, id, body);
  }

  @Post(':id/roles')
  @ApiOperation({
    summary: 'Cấp một vai trò tại một tổ chức, với thời hạn hiệu lực (validFrom, validUntil: YYYY-MM-DD) và lý do',
    description: `${RIGHTS} validFrom mặc định hôm nay, validUntil để trống là không thời hạn; ngoài thời hạn vai trò không có hiệu lực. Trùng vai trò cùng tổ chức trong thời gian chồng nhau: 409 ROLE_ALREADY_GRANTED. Có hiệu lực từ yêu cầu kế tiếp. Ghi nhật ký role.granted.`,
  })
  @ApiParam({ name: 'id', description: 'UUID' })
  @ApiBody({ schema: openApiSchema(GrantRoleBody) })
  @ApiResult(RoleAssignmentResponse, { status: 201, name: 'RoleAssignment' })
  grant(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.users.grant(user, id, body);
  }

  @Post(':id/roles/:assignmentId/revoke')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Thu hồi một phân quyền (kèm lý do; có hiệu lực từ yêu cầu kế tiếp; ghi nhật ký role.revoked)',
    description: RIGHTS,
  })
  @ApiParam({ name: 'id', description: 'UUID' })
  @ApiParam({ name: 'assignmentId', description: 'UUID' })
  @ApiBody({ schema: openApiSchema(ReasonBody) })
  @ApiResult(RoleAssignmentResponse, { name: 'RoleAssignment' })
  revoke(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('assignmentId') assignmentId: string,
    @Body() body: unknown,
  ) {
    return this.users.revoke(user, id, assignmentId, body);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Khóa người dùng: mọi mã đăng nhập hết hiệu lực ngay; trả về các nhiệm vụ đang mở và đề nghị chuyển chúng',
    description:
      `${MANAGE} Trả về { user, openTasks, reassignment }: reassignment là yêu cầu POST /task-reassignments chuyển ` +
      'mọi nhiệm vụ của riêng người này (đích danh, hoặc của vai trò chỉ họ giữ); có reassignTo thì bắt đầu chuyển ' +
      'ngay (operationId). Không tự khóa mình (409). Ghi nhật ký user.disabled.',
  })
  @ApiParam({ name: 'id', description: 'UUID' })
  @ApiBody({ schema: openApiSchema(DisableUserBody) })
  @ApiResult(DisableUserResponse, { name: 'DisableUserResult' })
  disable(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.users.disable(user, id, body);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mở khóa người dùng (kèm lý do; ghi nhật ký user.enabled)', description: MANAGE })
  @ApiParam({ name: 'id', description: 'UUID' })
  @ApiBody({ schema: openApiSchema(ReasonBody) })
  @ApiResult(UserResponse, { name: 'User' })
  enable(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.users.enable(user, id, body);
  }
}
