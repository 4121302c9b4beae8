import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { localDateSchema } from '@partyflow/contracts';
import { addDays, startOfLocalDay } from '@partyflow/domain';
import { OrganisationEntity } from '@partyflow/persistence';
import { hasRoleAtOrAbove, type AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { parseOrThrow } from '../common/validation';
import { admissionsReport } from './admissions-report';
import { inspectionsReport } from './inspections-report';
import type { ReportBuilder } from './report-context';
import { CONTENT_TYPES, reportFileName, toCsvBuffer, toXlsxStream } from './report-export';
import { screeningReport } from './screening-report';
import { tasksReport } from './tasks-report';
import type { ReportResponse } from './reports.responses';

export const REPORT_KINDS = ['admissions', 'screening', 'inspections', 'tasks'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

const REPORTS: Record<ReportKind, { build: ReportBuilder; titleVi: string; slug: string }> = {
  admissions: { build: admissionsReport, titleVi: 'Báo cáo kết nạp đảng viên', slug: 'bao-cao-ket-nap' },
  screening: { build: screeningReport, titleVi: 'Báo cáo rà soát, sàng lọc đảng viên', slug: 'bao-cao-ra-soat' },
  inspections: { build: inspectionsReport, titleVi: 'Báo cáo kiểm tra chi bộ', slug: 'bao-cao-kiem-tra' },
  tasks: { build: tasksReport, titleVi: 'Báo cáo thực hiện nhiệm vụ đúng hạn, trễ hạn', slug: 'bao-cao-nhiem-vu' },
};

const localDate = localDateSchema;
export const ReportQuery = z
  .object({
    orgId: z.string({ required_error: 'bắt buộc' }).uuid('phải là UUID'),
    from: localDate,
    to: localDate,
    format: z
      .enum(['json', 'csv', 'xlsx'], { errorMap: () => ({ message: 'phải là json, csv hoặc xlsx' }) })
      .default('json'),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'không được trước from' });
  });

/** Who may read reports of an organisation subtree. */
const READERS = ['supervisor', 'organisation_department', 'standing_committee_member', 'administrator'] as const;

/** A report as JSON, as its response schema declares it. */
export type ReportJson = z.infer<typeof ReportResponse>;
/** A file report: CSV as one buffer, Excel as a stream written while it is sent. */
export type ReportFile = { body: Buffer | Readable; contentType: string; fileName: string };

/** Reports over an organisation subtree and a period, as JSON, CSV or Excel. */
@Injectable()
export class ReportsService {
  constructor(private readonly dataSource: DataSource) {}

  async build(
    user: AuthUser,
    rawKind: string,
    query: unknown,
  ): Promise<{ format: 'json'; report: ReportJson } | { format: 'csv' | 'xlsx'; file: ReportFile }> {
    if (!(REPORT_KINDS as readonly string[]).includes(rawKind)) throw ApiError.notFound('loại báo cáo', rawKind);
    const kind = rawKind as ReportKind;
    const q = parseOrThrow(ReportQuery, query ?? {});
    const org = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: q.orgId.toLowerCase() });
    if (!org) throw ApiError.notFound('tổ chức đảng', q.orgId);
    if (!hasRoleAtOrAbove(user, org.path, READERS)) {
      throw ApiError.forbidden(
        'Chỉ cán bộ giám sát, Ban Tổ chức, Ban Thường vụ hoặc quản trị viên của tổ chức này hoặc cấp trên được xem báo cáo',
      );
    }
    const now = new Date();
    const def = REPORTS[kind];
    const tables = await def.build({
      dataSource: this.dataSource,
      org,
      from: q.from,
      to: q.to,
      fromAt: new Date(startOfLocalDay(q.from)),
      toAt: new Date(startOfLocalDay(addDays(q.to, 1))),
      now,
    });
    const title = `${def.titleVi} — ${org.name} (${org.code}), từ ${q.from} đến ${q.to}`;
    if (q.format === 'json') {
      return {
        format: 'json',
        report: {
          kind,
          title,
          org: { id: org.id, code: org.code, name: org.name },
          period: { from: q.from, to: q.to },
          generatedAt: now.toISOString(),
          tables,
        },
      };
    }
    const fileName = reportFileName({ slug: def.slug, orgCode: org.code, from: q.from, to: q.to, ext: q.format });
    const body = q.format === 'csv' ? toCsvBuffer(tables) : toXlsxStream({ tables, title });
    return { format: q.format, file: { body, contentType: CONTENT_TYPES[q.format], fileName } };
  }
}
