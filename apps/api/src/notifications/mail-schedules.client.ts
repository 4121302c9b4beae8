import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Client, ScheduleOverlapPolicy, type ScheduleOptions } from '@temporalio/client';
import type { AppConfig } from '@partyflow/config';
import {
  MAIL_DIGEST_SCHEDULE_ID,
  MAIL_DISPATCH_SCHEDULE_ID,
  mailDigestWorkflowRef,
  mailDispatchWorkflowRef,
} from '@partyflow/contracts';
import { BackgroundEnsure, ensureSchedule } from '../common/ensure-schedule';
import { APP_CONFIG } from '../tokens';

/**
 * The two Schedules of e-mail (issue 12 §5), made sure of when the API starts and SMTP is configured (without SMTP
 * nothing could be sent; the mails stay queued): `mail-dispatch` sends the queued mails every
 * MAIL_SEND_INTERVAL_SECONDS, `mail-daily-digest` queues and sends the digest at MAIL_DIGEST_TIME local time. An
 * existing Schedule is updated to the configuration (several API instances start: each makes the same one).
 * A run never overlaps the previous one; a digest missed while the cluster was down is caught up within 12 hours.
 */
@Injectable()
export class MailSchedulesClient implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly background = new BackgroundEnsure();
  private readonly logger = new Logger('MailSchedules');

  constructor(
    private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.mail.smtp) return;
    this.background.start(
      (signal) => this.ensure(signal),
      (e) => this.logger.warn(`Mail Schedules not made sure of: ${e.message}`),
    );
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.background.stop();
  }

  /** Creates or updates both Schedules. */
  async ensure(signal?: AbortSignal): Promise<void> {
    const { mail, temporal, timeZone } = this.config;
    const schedules: ScheduleOptions[] = [
      {
        scheduleId: MAIL_DISPATCH_SCHEDULE_ID,
        spec: { intervals: [{ every: `${mail.sendIntervalSeconds}s` }] },
        action: {
          type: 'startWorkflow',
          workflowType: mailDispatchWorkflowRef.workflowType,
          workflowId: 'mail-dispatch',
          taskQueue: temporal.taskQueue,
          args: [{}],
        },
        policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
      },
      {
        scheduleId: MAIL_DIGEST_SCHEDULE_ID,
        spec: {
          calendars: [
            { hour: mail.digestTime.hour, minute: mail.digestTime.minute, comment: 'Thư tổng hợp hằng ngày' },
          ],
          timezone: timeZone,
        },
        action: {
          type: 'startWorkflow',
          workflowType: mailDigestWorkflowRef.workflowType,
          workflowId: 'mail-daily-digest',
          taskQueue: temporal.taskQueue,
          args: [{}],
        },
        policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '12 hours' },
      },
    ];
    for (const options of schedules) await ensureSchedule(this.client, temporal, options, signal);
    this.logger.log(`Mail Schedules ${MAIL_DISPATCH_SCHEDULE_ID} and ${MAIL_DIGEST_SCHEDULE_ID} in place`);
  }
}
