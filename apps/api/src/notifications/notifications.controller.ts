import { Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { NotificationsService } from './notifications.service';
import { ApiCursorQuery, ApiResult } from '../common/openapi';
import { MarkedResponse, NotificationPageResponse, NotificationResponse } from './notifications.responses';

@ApiTags('Thông báo (notifications)')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'Thông báo của tôi (gửi cho tôi hoặc cho vai trò tôi giữ), chưa đọc trước, theo trang' })
  @ApiQuery({ name: 'unread', required: false, enum: ['true', 'false'] })
  @ApiCursorQuery()
  @ApiResult(NotificationPageResponse, { name: 'NotificationPage' })
  list(@CurrentUser() user: AuthUser, @Query() query: unknown) {
    return this.notifications.list(user, query);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đánh dấu mọi thông báo của tôi là đã đọc' })
  @ApiResult(MarkedResponse, { name: 'MarkedRead' })
  readAll(@CurrentUser() user: AuthUser) {
    return this.notifications.markAllRead(user);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đánh dấu một thông báo là đã đọc' })
  @ApiResult(NotificationResponse, { name: 'Notification' })
  read(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.notifications.markRead(user, id);
  }
}
