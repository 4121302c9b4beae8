/**
 * The audit ledger's daily digest (issue 14 §5): a Temporal Schedule records the global chain's head once a day, so
 * that a log cut at its end no longer matches the head recorded before. The workflow's result keeps the same head
 * in Temporal's history, outside the database.
 */
export const AUDIT_DIGEST_SCHEDULE_ID = 'audit-chain-digest';

/** `at`: the workflow's clock (ISO instant); the digest is the local date's. */
export type RecordAuditDigestInput = { at: string };
/** `seq` and `hash` (hex): the head; `recorded` false when the day's digest existed already (a retried run). */
export type AuditDigestResult = { day: string; seq: string; hash: string; recorded: boolean };

export type AuditDigestInput = Record<string, never>;

export type AuditActivities = {
  /** Records the chain's head as the digest of the local date of `at`, once per date. */
  recordAuditDigest(input: RecordAuditDigestInput): Promise<AuditDigestResult>;
};
