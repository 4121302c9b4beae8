import type { DataSource } from 'typeorm';
import type { ReportTable } from '@partyflow/domain';
import type { OrganisationEntity } from '@partyflow/persistence';

/** What every report builder receives: the subtree root, the period as local dates and as instants. */
export type ReportContext = {
  dataSource: DataSource;
  org: OrganisationEntity;
  /** Inclusive local dates (Vietnam), YYYY-MM-DD. */
  from: string;
  to: string;
  /** [fromAt, toAt): 00:00 Vietnam time on `from` to 00:00 on the day after `to`. */
  fromAt: Date;
  toAt: Date;
  now: Date;
};

export type ReportBuilder = (ctx: ReportContext) => Promise<ReportTable[]>;

/** The subtree pattern for materialised paths. */
export const subtree = (ctx: ReportContext): string => `${ctx.org.path}%`;

/** A label with a fallback when the key is not in the glossary (another engineer's vocabulary). */
export const labelOr = (label: string, key: string, fallback: Record<string, string>): string =>
  label === key ? (fallback[key] ?? key) : label;
