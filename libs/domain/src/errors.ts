/**
 * Codes of the business errors thrown by the domain library. Callers branch on `code`,
 * never on the message (STYLE §8).
 */
export const DOMAIN_ERROR_CODES = [
  'INVALID_LOCAL_DATE',
  'INVALID_INSTANT',
  'INVALID_UTC_OFFSET',
  'INVALID_DURATION',
  'INVALID_ARGUMENT',
  'WORKING_DAY_SEARCH_EXHAUSTED',
  'ANCHOR_REQUIRED',
  'BIRTH_DATE_AFTER_ON_DATE',
  'INVALID_ROSTER',
  'INVALID_THRESHOLD',
  'INVALID_VOTE_COUNT',
  'NO_ELIGIBLE_VOTERS',
  'VOTE_COUNT_EXCEEDS_ROSTER',
  'INVALID_CRITERIA_CONFIG',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** A business-rule or input error. `code` is stable; the message is for developers. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Type guard usable where errors cross a serialisation boundary (Temporal failures). */
export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/**
 * An input problem tied to one field (a dotted path such as 'data.findings.2.note'); the message is
 * for users, in Vietnamese.
 */
export type FieldProblem = { field: string; message: string };
