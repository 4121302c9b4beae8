import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ApiResult, openApiSchema } from '../common/openapi';
import { AdmissionCasesService, StartAdmissionBody } from './admission-cases.service';
import { AdmissionCaseResponse, StartAdmissionResponse } from './admission.responses';
import { TimelineEntry } from '../common/response-schemas';

@ApiTags('Kết nạp đảng viên (admission)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('admission-cases')
export class AdmissionController {
  constructor(private readonly cases: AdmissionCasesService) {}

  @Post()
  @ApiOperation({ summary: 'Lập hồ sơ kết nạp cho một quần chúng ưu tú (bắt đầu quy trình)' })
  @ApiBody({ schema: openApiSchema(StartAdmissionBody) })
  @ApiResult(StartAdmissionResponse, { status: 201, name: 'StartAdmissionResult' })
  start(@CurrentUser() user: AuthUser, @Body() body: unknown) {
    return this.cases.start(user, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Hồ sơ: trạng thái, các bước, người thực hiện, hạn và kết quả' })
  @ApiResult(AdmissionCaseResponse, { name: 'AdmissionCase' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.cases.get(user, id);
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'Nhật ký hồ sơ: ai làm gì, khi nào, kết quả, lý do' })
  @ApiResult(TimelineEntry, { list: true, name: 'TimelineEntry' })
  timeline(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.cases.timeline(user, id);
  }
}
