import { Controller, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { XLSX_TYPE } from './import-file';
import { ImportsService } from './imports.service';
import { MEMBER_COLUMNS } from './members.import';

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
  @ApiBody({
    schema: {
      type: 'string',
      example:
        'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Chi bộ,Trình độ học vấn\nNguyễn Văn An,12/04/2001,Nam,001201000123,CB-01,university\n',
    },
  })
  members(@CurrentUser() user: AuthUser, @Req() req: Request) {
    return this.imports.start(user, 'members', req);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'Tiến độ và kết quả một lần nhập: trạng thái, số dòng đã xử lý / tổng, số tạo mới / cập nhật hoặc lỗi đầu tiên',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.imports.get(user, id);
  }
}
