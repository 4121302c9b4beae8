import { Controller, Get, HttpCode, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ApiCursorQuery, ApiResult } from '../common/openapi';
import { XLSX_TYPE } from './import-file';
import { ImportPageResponse, ImportResponse } from './imports.responses';
import { ImportsService } from './imports.service';
import { MEMBER_COLUMNS } from './members.import';
import { ORGANISATION_COLUMNS } from './organisations.import';
import { USER_COLUMNS } from './users.import';

const columnsDoc = (columns: typeof MEMBER_COLUMNS) =>
  columns.map((c) => `${c.name}${c.required ? '' : '?'} ("${c.aliases.join('" / "')}")`).join(', ');

/**
 * Imports from spreadsheets (issue 9 §4). Registered before the records module, whose
 * `POST /imports/:kind` (activity records, synchronous) would otherwise take `/imports/members`.
 */
@ApiTags('Nhập từ bảng tính (imports)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post('members')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Nhập danh sách đảng viên, quần chúng từ tệp CSV hoặc xlsx (chạy nền, tất cả hoặc không)',
    description:
      `Thân yêu cầu là tệp CSV (text/csv, UTF-8) hoặc xlsx (${XLSX_TYPE}, trang tính đầu tiên), tối đa 100 MB, dòng 1 là tiêu đề. ` +
      `Cột (tiếng Anh hoặc tiếng Việt, không phân biệt hoa thường và dấu; ? = không bắt buộc): ${columnsDoc(MEMBER_COLUMNS)}. ` +
      'Ngày dạng YYYY-MM-DD hoặc DD/MM/YYYY; chi bộ theo mã hoặc UUID; đoàn thể cách nhau bởi dấu chấm phẩy. ' +
      'Trả 202 với id lần nhập; theo dõi bằng GET /imports/{id}. Khóa tự nhiên là số CCCD: người đã có được cập nhật.',
  })
  @ApiConsumes('text/csv', XLSX_TYPE)
  @ApiResult(ImportResponse, { status: 202, name: 'Import' })
  @ApiBody({
    schema: {
      type: 'string',
      example:
        'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Chi bộ,Trình độ học vấn\nNguyễn Văn An,12/04/2001,Nam,001201000123,CB-01,university\n',
    },
  })
  @ApiResult(ImportResponse, { status: 202, name: 'Import' })
  members(@CurrentUser() user: AuthUser, @Req() req: Request) {
    return this.imports.start(user, 'members', req);
  }

  @Post('organisations')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Nhập cây tổ chức đảng từ tệp CSV hoặc xlsx (chạy nền, tất cả hoặc không)',
    description:
      `Thân yêu cầu là tệp CSV (text/csv, UTF-8) hoặc xlsx (${XLSX_TYPE}, trang tính đầu tiên), dòng 1 là tiêu đề. ` +
      `Cột (tiếng Anh hoặc tiếng Việt; ? = không bắt buộc): ${columnsDoc(ORGANISATION_COLUMNS)}. ` +
      'Loại theo mã (cell, grassroots_committee, …) hoặc tên tiếng Việt (Chi bộ, Đảng ủy cơ sở, …); tổ chức cấp trên ' +
      'theo mã, đã có trong hệ thống hoặc ở một dòng trên. Khóa tự nhiên là mã tổ chức: tổ chức đã có được đổi tên ' +
      'hoặc chuyển cấp trên như POST /organisations/{id}/move. Quản trị viên tại hoặc trên mọi tổ chức cấp trên được nêu.',
  })
  @ApiConsumes('text/csv', XLSX_TYPE)
  @ApiResult(ImportResponse, { status: 202, name: 'Import' })
  @ApiBody({
    schema: {
      type: 'string',
      example:
        'Mã tổ chức,Tên tổ chức,Loại,Mã tổ chức cấp trên\nHN-HM-YS,Đảng ủy phường Yên Sở,Đảng ủy cơ sở,HN\n' +
        'HN-HM-YS-TDP1,Chi bộ Tổ dân phố 1,Chi bộ,HN-HM-YS\n',
    },
  })
  @ApiResult(ImportResponse, { status: 202, name: 'Import' })
  organisations(@CurrentUser() user: AuthUser, @Req() req: Request) {
    return this.imports.start(user, 'organisations', req);
  }

  @Post('users')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Nhập người dùng và phân quyền từ tệp CSV hoặc xlsx (chạy nền, tất cả hoặc không)',
    description:
      `Thân yêu cầu là tệp CSV (text/csv, UTF-8) hoặc xlsx (${XLSX_TYPE}, trang tính đầu tiên), dòng 1 là tiêu đề. ` +
      `Cột (tiếng Anh hoặc tiếng Việt; ? = không bắt buộc): ${columnsDoc(USER_COLUMNS)}. ` +
      'Mỗi dòng một (tài khoản, vai trò, tổ chức); tài khoản nhiều vai trò có nhiều dòng. Số CCCD gắn tài khoản với ' +
      'đảng viên; mật khẩu là mật khẩu ban đầu (không có: tài khoản chưa đăng nhập được cho đến khi quản trị đặt mật ' +
      'khẩu). Ngày YYYY-MM-DD hoặc DD/MM/YYYY. Khóa tự nhiên: tên đăng nhập, và (tên đăng nhập, vai trò, tổ chức) ' +
      'cho phân quyền: nhập lại cập nhật họ tên và thời hạn, không tạo phân quyền trùng.',
  })
  @ApiConsumes('text/csv', XLSX_TYPE)
  @ApiResult(ImportResponse, { status: 202, name: 'Import' })
  @ApiBody({
    schema: {
      type: 'string',
      example:
        'Tên đăng nhập,Họ và tên,Vai trò,Mã tổ chức,Hiệu lực từ ngày\n' +
        'quantri.yenso,Phạm Minh Châu,Quản trị hệ thống,HN-HM-YS,01/01/2027\n',
    },
  })
  @ApiResult(ImportResponse, { status: 202, name: 'Import' })
  users(@CurrentUser() user: AuthUser, @Req() req: Request) {
    return this.imports.start(user, 'users', req);
  }

  @Get()
  @ApiOperation({ summary: 'Các lần nhập của tôi, mới nhất trước, theo trang' })
  @ApiCursorQuery()
  @ApiResult(ImportPageResponse, { name: 'ImportPage' })
  list(@CurrentUser() user: AuthUser, @Query() query: unknown) {
    return this.imports.list(user, query);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'Tiến độ và kết quả một lần nhập: trạng thái, số dòng đã xử lý / tổng, số tạo mới / cập nhật hoặc lỗi đầu tiên',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResult(ImportResponse, { name: 'Import' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.imports.get(user, id);
  }
}
