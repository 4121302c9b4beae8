import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ApiResult, openApiSchema } from '../common/openapi';
import { IssueTransferBody, TransfersService } from './transfers.service';
import { IssueTransferResponse, TransferResponse } from './transfers.responses';

@ApiTags('Chuyển sinh hoạt đảng (transfers)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('transfers')
export class TransfersController {
  constructor(private readonly transfers: TransfersService) {}

  @Post()
  @ApiOperation({
    summary:
      'Chi bộ nơi đi giới thiệu chuyển sinh hoạt (chính thức hoặc tạm thời); chi bộ nơi đến xác nhận qua nhiệm vụ',
  })
  @ApiBody({ schema: openApiSchema(IssueTransferBody) })
  @ApiResult(IssueTransferResponse, { status: 201, name: 'TransferIssued' })
  issue(@CurrentUser() user: AuthUser, @Body() body: unknown) {
    return this.transfers.issue(user, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Hồ sơ chuyển sinh hoạt và trạng thái' })
  @ApiResult(TransferResponse, { name: 'Transfer' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.transfers.get(user, id);
  }
}
