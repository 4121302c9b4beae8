import type { LocalDate } from '../calendar/local-date.util';
import type { GrantStatus } from '../quotas/delegation-grant';

/** An out-of-office substitution's period (issue 14 §2): Vietnamese local dates, both inclusive. */
export type SubstitutionPeriod = { validFrom: LocalDate; validUntil: LocalDate; revoked: boolean };

/**
 * The status of a substitution on the local date `day`: revoked (a revocation wins), future before `validFrom`,
 * expired after `validUntil`, active on every day from `validFrom` to `validUntil` included.
 */
export function substitutionStatusOn(s: SubstitutionPeriod, day: LocalDate): GrantStatus {
  if (s.revoked) return 'revoked';
  if (day < s.validFrom) return 'future';
  if (day > s.validUntil) return 'expired';
  return 'active';
}
