import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { MEMBER_STATUSES } from '@partyflow/domain';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ApiCursorQuery, ApiResult, openApiSchema } from '../common/openapi';
import { EditMemberBody, RegisterCandidateBody, StatusChangeBody } from './members.schemas';
import { MembersService } from './members.service';
import { MemberPageResponse, MemberResponse } from './members.responses';

const PERSONAL_DATA_NOTE =
  'Dữ liệu cá nhân (ngày sinh, giới tính, số căn cước, nơi cư trú, học vấn, đoàn thể, giấy chứng nhận, trường hợp đặc thù, lý do miễn) chỉ hiện cho chi ủy chi bộ của người đó và đảng ủy viên cơ sở, Ban Tổ chức, quản trị ở cấp trên (personalData: "full"); người khác thấy null và số căn cước bị che trừ 4 số cuối (personalData: "restricted").';

@ApiTags('Đảng viên (members)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @ApiOperation({
    summary: 'Đảng viên và quần chúng ưu tú trong tổ chức của tôi (tìm theo họ tên không dấu), theo trang',
    description: `Theo họ tên (không dấu, rồi có dấu). ${PERSONAL_DATA_NOTE}`,
  })
  @ApiQuery({ name: 'status', required: false, enum: MEMBER_STATUSES })
  @ApiQuery({ name: 'orgId', required: false })
  @ApiQuery({ name: 'q', required: false, description: 'họ tên, có dấu hoặc không dấu: "nguyen thu trang"' })
  @ApiCursorQuery()
  @ApiResult(MemberPageResponse, { name: 'MemberPage' })
  list(@CurrentUser() user: AuthUser, @Query() query: unknown) {
    return this.members.list(user, query);
  }

  @Post()
  @ApiOperation({
    summary: 'Ghi tên một quần chúng ưu tú (đối tượng kết nạp) vào chi bộ nơi công tác, học tập',
    description:
      'Số căn cước công dân 12 chữ số, không trùng (409 NATIONAL_ID_TAKEN). Ngày dạng YYYY-MM-DD: ngày sinh không sau hôm nay; giấy chứng nhận bồi dưỡng nhận thức về Đảng không ghi ngày trước ngày bắt đầu lớp. Ghi nhật ký (member.registered).',
  })
  @ApiBody({ schema: openApiSchema(RegisterCandidateBody) })
  @ApiResult(MemberResponse, { status: 201, name: 'Member' })
  register(@CurrentUser() user: AuthUser, @Body() body: unknown) {
    return this.members.register(user, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Hồ sơ một đảng viên, quần chúng', description: PERSONAL_DATA_NOTE })
  @ApiParam({ name: 'id', description: 'UUID' })
  @ApiResult(MemberResponse, { name: 'Member' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.members.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Sửa hồ sơ (kèm lý do; ghi nhật ký member.updated với giá trị trước và sau)',
    description:
      'Đổi chi bộ (workplaceCellId) chỉ cho quần chúng chưa có hồ sơ kết nạp đang chạy; đảng viên chuyển sinh hoạt qua /transfers (409).',
  })
  @ApiParam({ name: 'id', description: 'UUID' })
  @ApiBody({ schema: openApiSchema(EditMemberBody) })
  @ApiResult(MemberResponse, { name: 'Member' })
  edit(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.members.edit(user, id, body);
  }

  @Post(':id/status')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Chuyển trạng thái (dự bị, chính thức, miễn công tác và sinh hoạt đảng, ra khỏi Đảng) với ngày và lý do',
    description:
      'Chỉ các chuyển đổi của libs/domain MEMBER_STATUS_TRANSITIONS; chuyển đổi do một hồ sơ đang chạy quyết định bị từ chối 409 (STATUS_OWNED_BY_ADMISSION, STATUS_OWNED_BY_SCREENING), ví dụ công nhận chính thức khi hồ sơ kết nạp đang chạy. Ghi nhật ký member.status_changed.',
  })
  @ApiParam({ name: 'id', description: 'UUID' })
  @ApiBody({ schema: openApiSchema(StatusChangeBody) })
  @ApiResult(MemberResponse, { name: 'Member' })
  changeStatus(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.members.changeStatus(user, id, body);
  }
}
