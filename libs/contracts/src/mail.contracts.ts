/**
 * E-mail notifications (issue 12 §5). The task mails are queued in `mail_outbox` by the notification itself (no
 * workflow change); two thin workflows, each started by a Temporal Schedule, send them and queue the daily digest.
 */
export const MAIL_DISPATCH_SCHEDULE_ID = 'mail-dispatch';
export const MAIL_DIGEST_SCHEDULE_ID = 'mail-daily-digest';

/** `at`: the workflow's clock (ISO instant). */
export type SendQueuedMailsInput = { at: string };
/**
 * `sent`: mails the SMTP server accepted; `failed`: refused for good (5xx, or the last attempt); `requeued`: refused
 * for now (4xx, connection), tried again by the activity's retry; `smtpConfigured` false: nothing was sent.
 */
export type SendQueuedMailsResult = { sent: number; failed: number; requeued: number; smtpConfigured: boolean };

export type QueueDailyDigestInput = { at: string };
export type QueueDailyDigestResult = { localDate: string; queued: number };

export type MailDispatchInput = Record<string, never>;
export type MailDigestInput = Record<string, never>;
export type MailDigestResult = QueueDailyDigestResult & { sent: SendQueuedMailsResult };

export type MailActivities = {
  /** Sends queued mails, claiming each row before it talks to SMTP so that no retry sends a row twice. */
  sendQueuedMails(input: SendQueuedMailsInput): Promise<SendQueuedMailsResult>;
  /** Queues the digest of the local day of `at` for every user who wants one (keyed per user and day). */
  queueDailyDigest(input: QueueDailyDigestInput): Promise<QueueDailyDigestResult>;
};

/** The activity failure type of a mail the SMTP server refused for now: the activity's retry sends it. */
export const MAIL_TEMPORARILY_REFUSED = 'MailTemporarilyRefused';
