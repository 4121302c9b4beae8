import { proxyActivities } from '@temporalio/workflow';
import type {
  MailActivities,
  MailDigestInput,
  MailDigestResult,
  MailDispatchInput,
  SendQueuedMailsResult,
} from '@partyflow/contracts';
import { MAIL_ACTIVITY } from '../shared/activity-options';

const mail = proxyActivities<MailActivities>(MAIL_ACTIVITY);

/**
 * Sends the queued mails (issue 12 §5); started by the mail-dispatch Schedule every MAIL_SEND_INTERVAL_SECONDS.
 * The mails were queued by the notifications themselves, in their transactions: this workflow only drives sending.
 */
export async function mailDispatchWorkflow(_input: MailDispatchInput): Promise<SendQueuedMailsResult> {
  return mail.sendQueuedMails({ at: new Date(Date.now()).toISOString() });
}

/** The daily digest (issue 12 §5), started by its Schedule at MAIL_DIGEST_TIME: queue every user's digest, send. */
export async function mailDigestWorkflow(_input: MailDigestInput): Promise<MailDigestResult> {
  const at = new Date(Date.now()).toISOString();
  const queued = await mail.queueDailyDigest({ at });
  const sent = await mail.sendQueuedMails({ at });
  return { ...queued, sent };
}
