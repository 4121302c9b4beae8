import {
  formatLocalDateVi,
  requiredVotes,
  type LocalDate,
  type Threshold,
  type VoteCount,
  type VoteRoster,
} from '@partyflow/domain';
import { BLANK, type Run } from './official-document';

/**
 * What the documents are built from: values read from the records (case rows, task rows and their data, members,
 * organisations, audit details), never typed again. A value the records do not hold is null and is drawn as a
 * dotted blank.
 */
export type PersonRecord = { fullName: string; birthDate: LocalDate | null };

/** An organisation as recorded, with its superior (the left of the header reads superior, then itself). */
export type OrganisationRecord = { name: string; superior: string | null };

/** A committee that decides: its organisation and whether its standing committee or the whole committee decides. */
export type DecidingBody = OrganisationRecord & { body: 'standing_committee' | 'whole_committee' };

/** A vote as its task recorded it: the day, the minutes or resolution reference, the roster, the counts, the rule. */
export type VoteRecord = {
  on: LocalDate;
  ref: string | null;
  roster: VoteRoster;
  votes: VoteCount;
  rule: { threshold: Threshold; excludeExempt: boolean };
  /** Who recorded the result (the task's completer). */
  recordedBy: string | null;
};

/** The members the vote is counted over: official members, less the exempt ones where the rule says so [R1]. */
export function eligibleVoters(vote: Pick<VoteRecord, 'roster' | 'rule'>): number {
  return vote.rule.excludeExempt ? vote.roster.official - vote.roster.exempt : vote.roster.official;
}

export function thresholdLabel({ numerator, denominator, strict }: Threshold): string {
  return `${strict ? 'trên' : 'từ'} ${numerator}/${denominator}`;
}

/** The fewest votes for that reach the vote's threshold. */
export function votesRequired(vote: Pick<VoteRecord, 'roster' | 'rule'>): number {
  return requiredVotes({ eligible: Math.max(0, eligibleVoters(vote)), threshold: vote.rule.threshold });
}

/** dd/mm/yyyy, or a dotted blank. */
export const dateVi = (date: LocalDate | null): string => (date ? formatLocalDateVi(date) : BLANK);

/** 'Nguyễn Thu Trang, sinh ngày 01/02/1995,' (the birth date as recorded), to stand inside a sentence. */
export const personLine = (person: PersonRecord): string =>
  `${person.fullName}, sinh ngày ${dateVi(person.birthDate)},`;

/** A value, or the dotted blank where the records hold none. */
export const orBlank = (value: string | null | undefined): string => (value && value.trim() ? value : BLANK);

/** Bold runs for the names and counts a reader looks for. */
export const b = (text: string): Run => ({ text, bold: true });
export const t = (text: string): Run => ({ text });
