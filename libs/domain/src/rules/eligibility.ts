import type { LocalDate } from '../calendar/local-date.util';
import type { EducationLevel } from '../education';
import {
  checkAge,
  checkCourseCertificate,
  checkEducation,
  DEFAULT_CERTIFICATE_VALIDITY_MONTHS,
  DEFAULT_MAX_AGE_MONTHS,
  DEFAULT_MIN_AGE_MONTHS,
} from './eligibility.rules';
import { evaluateLocalCriteria, type CriteriaSet, type YearGrading } from './local-criteria.rules';
import type { RuleResult } from './rule-result';

export type EligibilityParams = { minAgeMonths: number; maxAgeMonths: number; certificateValidityMonths: number };

export const DEFAULT_ELIGIBILITY_PARAMS: EligibilityParams = {
  minAgeMonths: DEFAULT_MIN_AGE_MONTHS,
  maxAgeMonths: DEFAULT_MAX_AGE_MONTHS,
  certificateValidityMonths: DEFAULT_CERTIFICATE_VALIDITY_MONTHS,
};

export type EligibilityCandidate = {
  birthDate: LocalDate;
  educationLevel: EducationLevel;
  courseCertificateIssuedOn?: LocalDate | null;
  gradings: readonly YearGrading[];
};

export type EvaluateEligibilityArgs = {
  candidate: EligibilityCandidate;
  /** The day the cell considers the case (ages are counted on it [R8]). */
  onDate: LocalDate;
  criteriaSet?: CriteriaSet | null;
  /** Missing fields take `DEFAULT_ELIGIBILITY_PARAMS`. */
  params?: Partial<EligibilityParams>;
};

export type EligibilityResult = { eligible: boolean; results: RuleResult[] };

/**
 * National checks first (age, education, course certificate), then the local criteria set
 * if any. Eligible when every check passes. Political standards (QĐ 58 [R49]) and the
 * education exceptions are judged by people and are not checked here.
 */
export function evaluateEligibility({
  candidate,
  onDate,
  criteriaSet,
  params,
}: EvaluateEligibilityArgs): EligibilityResult {
  const { minAgeMonths, maxAgeMonths, certificateValidityMonths } = { ...DEFAULT_ELIGIBILITY_PARAMS, ...params };
  const results: RuleResult[] = [
    checkAge({ birthDate: candidate.birthDate, onDate, minMonths: minAgeMonths, maxMonths: maxAgeMonths }),
    checkEducation({ level: candidate.educationLevel }),
    checkCourseCertificate({
      issuedOn: candidate.courseCertificateIssuedOn,
      onDate,
      validityMonths: certificateValidityMonths,
    }),
    ...(criteriaSet ? evaluateLocalCriteria({ set: criteriaSet, gradings: candidate.gradings, onDate }) : []),
  ];
  return { eligible: results.every((result) => result.passed), results };
}
