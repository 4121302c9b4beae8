import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { MailSchedulesClient } from './mail-schedules.client';

/** The signed-in user's notifications and their read marks (issue 9 §7); the e-mail Schedules (issue 12 §5). */
@Module({
  controllers: [NotificationsController],
  providers: [NotificationsService, MailSchedulesClient],
})
export class NotificationsModule {}
