import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Client, ScheduleOverlapPolicy } from '@temporalio/client';
import type { AppConfig } from '@partyflow/config';
import { AUDIT_DIGEST_SCHEDULE_ID, auditDigestWorkflowRef } from '@partyflow/contracts';
import { BackgroundEnsure, ensureSchedule } from '../common/ensure-schedule';
import { APP_CONFIG } from '../tokens';

/**
 * The audit ledger's daily digest (issue 14 §5): the Schedule `audit-chain-digest`, made sure of when the API starts,
 * records the chain's head at AUDIT_DIGEST_TIME local time. A digest missed while the cluster was down is caught up
 * within 12 hours (it is then the day of the run's).
 */
@Injectable()
export class AuditDigestScheduleClient implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly background = new BackgroundEnsure();
  private readonly logger = new Logger('AuditDigestSchedule');

  constructor(
    private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.background.start(
      (signal) => this.ensure(signal),
      (e) => this.logger.warn(`Audit digest Schedule not made sure of: ${e.message}`),
    );
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.background.stop();
  }

  async ensure(signal?: AbortSignal): Promise<void> {
    const { audit, temporal, timeZone } = this.config;
    await ensureSchedule(
      this.client,
      temporal,
      {
        scheduleId: AUDIT_DIGEST_SCHEDULE_ID,
        spec: {
          calendars: [
            {
              hour: audit.digestTime.hour,
              minute: audit.digestTime.minute,
              comment: 'Bản tóm tắt chuỗi nhật ký hằng ngày',
            },
          ],
          timezone: timeZone,
        },
        action: {
          type: 'startWorkflow',
          workflowType: auditDigestWorkflowRef.workflowType,
          workflowId: AUDIT_DIGEST_SCHEDULE_ID,
          taskQueue: temporal.taskQueue,
          args: [{}],
        },
        policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '12 hours' },
      },
      signal,
    );
    this.logger.log(`Audit digest Schedule ${AUDIT_DIGEST_SCHEDULE_ID} in place`);
  }
}
