import type { DataSource } from 'typeorm';
import { createTransport, type Transporter } from 'nodemailer';
import { ApplicationFailure } from '@temporalio/common';
import type { MailConfig } from '@partyflow/config';
import {
  MAIL_TEMPORARILY_REFUSED,
  type MailActivities,
  type QueueDailyDigestInput,
  type SendQueuedMailsInput,
  type SendQueuedMailsResult,
} from '@partyflow/contracts';
import { renderMail, type MailFacts } from '@partyflow/domain';
import { queueDailyDigest, type MailContent } from '@partyflow/audit';

export type MailDeps = { dataSource: DataSource; mail: MailConfig };

type ClaimedMail = { id: string; mail_key: string; recipient: string; content: MailContent; attempts: number };

/** The mail's Message-ID: its idempotency key, so a receiving system can tell a repeat too (RFC 5322 msg-id). */
export function messageIdOf(mailKey: string): string {
  return `<${mailKey.replace(/[^A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]/g, '.')}@partyflow>`;
}

/** An SMTP refusal 5xx is permanent; a 4xx, a lost connection or a timeout is worth another attempt. */
function isPermanent(e: unknown): boolean {
  const code = (e as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500;
}

/**
 * The SMTP error as stored in `last_error` and in the activity's failure (Temporal history, worker logs): addresses
 * replaced, since a server's answer may quote the recipient (no personal data in logs).
 */
export const errorText = (e: unknown): string =>
  String((e as Error).message ?? e)
    .replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '<address>')
    .slice(0, 500);

/**
 * Sending (issue 12 §5). Each mail is claimed before the SMTP conversation (`queued` → `sending`, one row, SKIP
 * LOCKED, committed) and marked `sent` after the server's 250: a retried activity, a second worker or the next
 * Schedule run never sends a claimed row again. A crash between the server's 250 and the mark leaves the row
 * `sending` — at most once, never twice; README "E-mail" says how to see and requeue such rows.
 */
export function createMailActivities({ dataSource, mail }: MailDeps): MailActivities {
  async function claim(): Promise<ClaimedMail | undefined> {
    const rows = (await dataSource.query(
      `UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1, claimed_at = now()
       WHERE id = (SELECT id FROM mail_outbox WHERE status = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING id, mail_key, recipient, content, attempts`,
    )) as [ClaimedMail[], number];
    return rows[0][0];
  }

  async function mark(id: string, status: 'sent' | 'queued' | 'failed', error: string | null): Promise<void> {
    await dataSource.query(
      `UPDATE mail_outbox SET status = $2, last_error = $3,
         sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE NULL END
       WHERE id = $1 AND status = 'sending'`,
      [id, status, error],
    );
  }

  async function send(transport: Transporter, m: ClaimedMail): Promise<void> {
    const { subject, text } = renderMail(m.content.facts as MailFacts, m.content.recipientName, mail.webBaseUrl);
    await transport.sendMail({
      from: mail.from,
      to: { name: m.content.recipientName, address: m.recipient },
      subject,
      text,
      messageId: messageIdOf(m.mail_key),
      headers: { 'X-Partyflow-Mail-Key': m.mail_key },
    });
  }

  return {
    async sendQueuedMails(_input: SendQueuedMailsInput): Promise<SendQueuedMailsResult> {
      const result: SendQueuedMailsResult = { sent: 0, failed: 0, requeued: 0, smtpConfigured: !!mail.smtp };
      if (!mail.smtp) return result;
      const { host, port, secure, user, password } = mail.smtp;
      const transport = createTransport({
        host,
        port,
        secure,
        auth: user ? { user, pass: password ?? '' } : undefined,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      });
      try {
        let lastError = '';
        for (let i = 0; i < mail.batchSize; i++) {
          const m = await claim();
          if (!m) break;
          try {
            await send(transport, m);
            await mark(m.id, 'sent', null);
            result.sent++;
          } catch (e) {
            lastError = errorText(e);
            if (isPermanent(e) || m.attempts >= mail.maxAttempts) {
              await mark(m.id, 'failed', lastError);
              result.failed++;
              continue;
            }
            // Refused for now: back in the queue, and this attempt fails so that its retry (backing off) sends it.
            await mark(m.id, 'queued', lastError);
            result.requeued++;
            break;
          }
        }
        if (result.requeued) {
          throw ApplicationFailure.retryable(
            `The SMTP server refused a mail for now (${lastError}); ${result.sent} sent before it`,
            MAIL_TEMPORARILY_REFUSED,
          );
        }
        return result;
      } finally {
        transport.close();
      }
    },

    async queueDailyDigest({ at }: QueueDailyDigestInput) {
      return dataSource.transaction((em) => queueDailyDigest(em, new Date(at)));
    },
  };
}
