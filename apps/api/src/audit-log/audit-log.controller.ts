import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { AuditLogService } from './audit-log.service';
import { ApiCursorQuery, ApiResult } from '../common/openapi';
import { AuditPageResponse, AuditVerificationResponse } from './audit-log.responses';
import { AuditLedgerService } from './audit-ledger.service';

@ApiTags('Nhật ký (audit log)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('audit')
export class AuditLogController {
  constructor(
    private readonly audit: AuditLogService,
    private readonly ledger: AuditLedgerService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Nhật ký: ai làm gì, khi nào, vì sao, trong phạm vi tôi giám sát hoặc quản trị; lọc theo hồ sơ, người, hành động, thời gian',
  })
  @ApiQuery({ name: 'caseId', required: false })
  @ApiQuery({ name: 'actorUserId', required: false })
  @ApiQuery({ name: 'action', required: false, description: "ví dụ 'policy.changed' hoặc 'delegation.*'" })
  @ApiQuery({ name: 'orgId', required: false, description: 'chỉ tổ chức này và cấp dưới' })
  @ApiQuery({ name: 'from', required: false, description: 'ngày (YYYY-MM-DD, giờ Việt Nam), tính cả ngày này' })
  @ApiQuery({ name: 'to', required: false, description: 'ngày (YYYY-MM-DD, giờ Việt Nam), tính cả ngày này' })
  @ApiCursorQuery()
  @ApiResult(AuditPageResponse, { name: 'AuditPage' })
  list(@CurrentUser() user: AuthUser, @Query() query: unknown) {
    return this.audit.list(user, query);
  }

  @Get('verify')
  @ApiOperation({
    summary:
      'Kiểm tra nhật ký không bị sửa: chuỗi mã băm của một hồ sơ (caseId), hoặc toàn bộ nhật ký cùng các bản tóm tắt hằng ngày (quản trị viên cấp cao nhất); nêu dòng sai đầu tiên',
  })
  @ApiQuery({ name: 'caseId', required: false, description: 'hồ sơ cần kiểm tra; không có: toàn bộ nhật ký' })
  @ApiResult(AuditVerificationResponse, { name: 'AuditVerification' })
  verify(@CurrentUser() user: AuthUser, @Query() query: unknown) {
    return this.ledger.verify(user, query);
  }
}
