import { Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller';
import { AuditLogService } from './audit-log.service';
import { AuditLedgerService } from './audit-ledger.service';
import { AuditDigestScheduleClient } from './audit-digest-schedule.client';

/** Reading the audit log within the reader's subtree (issue 9 §7); the log is written through @partyflow/audit. */
@Module({
  controllers: [AuditLogController],
  providers: [AuditLogService, AuditLedgerService, AuditDigestScheduleClient],
})
export class AuditLogModule {}
