import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { LUNAR_MAX_YEAR, LUNAR_MIN_YEAR } from '@partyflow/domain';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ApiResult, openApiSchema } from '../common/openapi';
import { HolidayChangeResponse, HolidayRemovalResponse, HolidayYearResponse } from './holidays.responses';
import { CreateHolidayBody, HolidaysService, RemoveHolidayBody, UpdateHolidayBody } from './holidays.service';

@ApiTags('Ngày nghỉ lễ (holiday calendar)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('holidays')
export class HolidaysController {
  constructor(private readonly holidays: HolidaysService) {}

  @Get()
  @ApiOperation({
    summary:
      'Lịch ngày nghỉ lễ và ngày làm bù của một năm: lịch đã công bố, hoặc lịch tính theo Bộ luật Lao động (Tết, Giỗ Tổ theo âm lịch) khi năm đó chưa có',
  })
  @ApiResult(HolidayYearResponse, { name: 'HolidayYear' })
  @ApiQuery({
    name: 'year',
    required: false,
    description: 'Năm (mặc định: năm hiện tại theo giờ Việt Nam)',
    schema: { type: 'integer', minimum: LUNAR_MIN_YEAR, maximum: LUNAR_MAX_YEAR },
  })
  list(@Query() query: unknown) {
    return this.holidays.list(query);
  }

  @Post()
  @ApiOperation({
    summary:
      'Quản trị viên thêm một ngày nghỉ (holiday) hoặc một ngày làm bù vào thứ Bảy/Chủ nhật (working_day), có lý do; các hồ sơ đang chờ có hạn bị ảnh hưởng được tính lại hạn',
  })
  @ApiBody({ schema: openApiSchema(CreateHolidayBody) })
  @ApiResult(HolidayChangeResponse, { status: 201, name: 'HolidayChange' })
  create(@CurrentUser() user: AuthUser, @Body() body: unknown) {
    return this.holidays.create(user, body);
  }

  @Put(':date')
  @ApiOperation({ summary: 'Quản trị viên sửa một ngày của lịch (loại, tên, văn bản), có lý do; tính lại hạn nếu cần' })
  @ApiBody({ schema: openApiSchema(UpdateHolidayBody) })
  @ApiResult(HolidayChangeResponse, { name: 'HolidayChange' })
  update(@CurrentUser() user: AuthUser, @Param('date') date: string, @Body() body: unknown) {
    return this.holidays.update(user, date, body);
  }

  @Delete(':date')
  @HttpCode(200)
  @ApiOperation({ summary: 'Quản trị viên bỏ một ngày khỏi lịch, có lý do; các hồ sơ đang chờ được tính lại hạn' })
  @ApiBody({ schema: openApiSchema(RemoveHolidayBody) })
  @ApiResult(HolidayRemovalResponse, { name: 'HolidayRemoval' })
  remove(@CurrentUser() user: AuthUser, @Param('date') date: string, @Body() body: unknown) {
    return this.holidays.remove(user, date, body);
  }
}
