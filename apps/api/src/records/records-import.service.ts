import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { defaultPresentBy } from '@partyflow/domain';
import {
  DuesPaymentEntity,
  MeetingAttendanceEntity,
  MemberEntity,
  MemberGradingEntity,
  OrganisationEntity,
  ResidenceCommentEntity,
} from '@partyflow/persistence';
import { appendAudit } from '@partyflow/audit';
import { placeOfPaths } from '../common/audit-place';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { CsvRowError } from './csv-import.error';
import { disciplinePowerOf, loadExpulsionGrants, type ExpulsionGrant } from './discipline-power';
import { parseImportRow, type ImportRowInput } from './csv-rows';
import { CsvSyntaxError, parseCsv } from './csv.util';
import { canWriteRecordsOf, writesRecordsAnywhere } from './records-access';
import { IMPORT_COLUMNS, IMPORT_KINDS, type ImportKind } from './records.schemas';
import {
  insertDisciplines,
  insertTransfers,
  upsertAttendance,
  upsertDues,
  upsertGradings,
  upsertResidenceComments,
  type AttendanceRow,
  type DisciplineRow,
  type DuesRow,
  type GradingRow,
  type ResidenceCommentRow,
  type TransferRow,
} from './records.writer';
import type { RecordsImportResponse } from './records.responses';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What an import wrote, as its response schema declares it. */
export type ImportResult = z.infer<typeof RecordsImportResponse>;

/** What the rows refer to, loaded once before validation. */
type Lookup = {
  user: AuthUser;
  members: Map<string, MemberEntity>;
  orgs: Map<string, OrganisationEntity>;
};

/**
 * Reads one CSV row: its fields through the zod schema of the single-record endpoint (`parse`),
 * its member and organisations by lookup. The first bad field throws `CsvRowError` naming the row
 * and the column.
 */
class RowReader {
  constructor(
    readonly row: number,
    private readonly values: Record<string, string>,
    private readonly lookup: Lookup,
  ) {}

  fail(column: string, reason: string): never {
    throw new CsvRowError(this.row, column, reason);
  }

  optional(column: string): string | null {
    const v = (this.values[column] ?? '').trim();
    return v === '' ? null : v;
  }

  required(column: string): string {
    return this.optional(column) ?? this.fail(column, 'bắt buộc');
  }

  /** The row's fields, parsed by the schema of the kind's single-record endpoint. */
  parse<K extends ImportKind>(kind: K, lookedUp?: Record<string, unknown>): ImportRowInput<K> {
    return parseImportRow(kind, this.row, this.values, lookedUp);
  }

  /** The member by id; it must exist and be one the user may write records for. */
  member(column = 'member_id', { residence = false }: { residence?: boolean } = {}): MemberEntity {
    const id = this.required(column);
    if (!UUID.test(id)) this.fail(column, `'${id}' không phải UUID`);
    const member = this.lookup.members.get(id.toLowerCase()) ?? this.fail(column, `không có đảng viên '${id}'`);
    const cell = this.lookup.orgs.get(member.organisationId);
    const home = residence && member.residenceOrgId ? this.lookup.orgs.get(member.residenceOrgId) : undefined;
    if (!(cell && canWriteRecordsOf(this.lookup.user, cell)) && !(home && canWriteRecordsOf(this.lookup.user, home))) {
      this.fail(column, `không có quyền ghi hồ sơ của ${member.fullName} (${cell?.name ?? member.organisationId})`);
    }
    return member;
  }

  cellOf(member: MemberEntity): OrganisationEntity {
    return this.lookup.orgs.get(member.organisationId) ?? this.fail('member_id', 'không tìm thấy chi bộ của đảng viên');
  }

  /** An organisation by id or code. */
  org(column: string, required = true): OrganisationEntity | null {
    const v = required ? this.required(column) : this.optional(column);
    if (v === null) return null;
    return (
      this.lookup.orgs.get(UUID.test(v) ? v.toLowerCase() : v) ?? this.fail(column, `không có tổ chức đảng '${v}'`)
    );
  }
}

/** Natural keys seen so far in the file: a repeated key is an error naming both rows. */
class KeyGuard {
  private readonly seen = new Map<string, number>();
  check(reader: RowReader, column: string, key: string): void {
    const first = this.seen.get(key);
    if (first !== undefined) reader.fail(column, `trùng với dòng ${first}`);
    this.seen.set(key, reader.row);
  }
}

/**
 * All-or-nothing CSV import of activity records: every row is parsed and validated first; the
 * first bad row rejects the file (HTTP 400 naming row and column) and nothing is written;
 * otherwise all rows and one audit row are written in ONE transaction. Historical transfers are
 * records only: no transfer workflow is started.
 */
@Injectable()
export class RecordsImportService {
  constructor(private readonly dataSource: DataSource) {}

  async import(user: AuthUser, rawKind: string, text: string): Promise<ImportResult> {
    if (!(IMPORT_KINDS as readonly string[]).includes(rawKind))
      throw ApiError.badRequest('kind', `một trong ${IMPORT_KINDS.join(', ')}`);
    const kind = rawKind as ImportKind;
    if (!writesRecordsAnywhere(user))
      throw ApiError.forbidden('Chỉ chi ủy, đảng ủy viên cơ sở hoặc quản trị được nhập hồ sơ sinh hoạt');
    const table = this.parse(text);
    this.checkHeader(kind, table.header);
    if (!table.rows.length) throw new CsvRowError(2, null, 'tệp không có dòng dữ liệu');
    const lookup = await this.lookup(
      user,
      table.rows.map((r) => r.values),
    );

    const keys = new KeyGuard();
    const rows = table.rows.map(({ rowNumber, values }) => new RowReader(rowNumber, values, lookup));
    // Phase 1: every row is validated before anything is written (throws at the first bad row).
    const expulsionGrants = kind === 'disciplines' ? await loadExpulsionGrants(this.dataSource.manager) : [];
    const write = this.validate(kind, rows, keys, user.fullName, new Date(), expulsionGrants);

    // Phase 2: all rows and the audit row in ONE transaction.
    const importId = randomUUID();
    const updated = await this.dataSource.transaction(async (em) => {
      const existing = await write(em);
      await appendAudit(em, {
        eventKey: `records-import:${importId}`,
        at: new Date(),
        action: 'records.imported',
        actor: { userId: user.userId, name: user.fullName },
        ...placeOfPaths([...lookup.members.values()].flatMap((m) => lookup.orgs.get(m.organisationId)?.path ?? [])),
        details: { importId, kind, rows: rows.length, created: rows.length - existing, updated: existing },
      });
      return existing;
    });
    return { importId, kind, rows: rows.length, created: rows.length - updated, updated };
  }

  private parse(text: string) {
    try {
      return parseCsv(text);
    } catch (e) {
      if (e instanceof CsvSyntaxError) throw new CsvRowError(e.rowNumber, null, e.message);
      throw e;
    }
  }

  private checkHeader(kind: ImportKind, header: string[]): void {
    const columns = IMPORT_COLUMNS[kind];
    const unknown = header.find((h) => !(h in columns));
    if (unknown !== undefined)
      throw new CsvRowError(
        1,
        unknown,
        `cột không có trong mẫu '${kind}'; các cột: ${Object.keys(columns).join(', ')}`,
      );
    const missing = Object.entries(columns).find(([c, required]) => required && !header.includes(c));
    if (missing) throw new CsvRowError(1, missing[0], 'thiếu cột bắt buộc');
  }

  private async lookup(user: AuthUser, rows: Array<Record<string, string>>): Promise<Lookup> {
    const ids = [...new Set(rows.map((r) => (r.member_id ?? '').trim().toLowerCase()).filter((v) => UUID.test(v)))];
    const members = ids.length ? await this.dataSource.getRepository(MemberEntity).findBy({ id: In(ids) }) : [];
    const refs = rows
      .flatMap((r) => [r.from_org, r.to_org, r.residence_org])
      .map((v) => (v ?? '').trim())
      .filter(Boolean);
    const orgIds = [
      ...new Set(
        [
          ...members.flatMap((m) => [m.organisationId, m.residenceOrgId ?? '']),
          ...refs.filter((v) => UUID.test(v)).map((v) => v.toLowerCase()),
        ].filter(Boolean),
      ),
    ];
    const codes = [...new Set(refs.filter((v) => !UUID.test(v)))];
    const repo = this.dataSource.getRepository(OrganisationEntity);
    const orgs = [
      ...(orgIds.length ? await repo.findBy({ id: In(orgIds) }) : []),
      ...(codes.length ? await repo.findBy({ code: In(codes) }) : []),
    ];
    return {
      user,
      members: new Map(members.map((m) => [m.id, m])),
      orgs: new Map(
        orgs.flatMap(
          (o) =>
            [
              [o.id, o],
              [o.code, o],
            ] as Array<[string, OrganisationEntity]>,
        ),
      ),
    };
  }

  /**
   * Validates every row, throwing at the first bad one, and returns the write of them all; the
   * write answers how many rows updated an existing record (the rest created one).
   */
  private validate(
    kind: ImportKind,
    rows: RowReader[],
    keys: KeyGuard,
    by: string,
    at: Date,
    expulsionGrants: readonly ExpulsionGrant[],
  ): (em: EntityManager) => Promise<number> {
    switch (kind) {
      case 'attendance': {
        const parsed: AttendanceRow[] = rows.map((r) => {
          const member = r.member();
          const input = r.parse('attendance');
          keys.check(r, 'month', `${member.id}:${input.month}`);
          return { ...input, memberId: member.id, organisationId: member.organisationId };
        });
        return async (em) => {
          const existing = await this.existingKeys(
            em,
            MeetingAttendanceEntity,
            parsed,
            (r) => `${r.memberId}:${r.month}`,
            (e: MeetingAttendanceEntity) => `${e.memberId}:${e.month.slice(0, 7)}`,
          );
          await upsertAttendance(em, parsed, by, at);
          return existing;
        };
      }
      case 'dues': {
        const parsed: DuesRow[] = rows.map((r) => {
          const member = r.member();
          const input = r.parse('dues');
          keys.check(r, 'month', `${member.id}:${input.month}`);
          return { ...input, memberId: member.id };
        });
        return async (em) => {
          const existing = await this.existingKeys(
            em,
            DuesPaymentEntity,
            parsed,
            (r) => `${r.memberId}:${r.month}`,
            (e: DuesPaymentEntity) => `${e.memberId}:${e.month.slice(0, 7)}`,
          );
          await upsertDues(em, parsed, by, at);
          return existing;
        };
      }
      case 'gradings': {
        const parsed: GradingRow[] = rows.map((r) => {
          const member = r.member();
          const input = r.parse('gradings');
          keys.check(r, 'year', `${member.id}:${input.year}`);
          return { ...input, memberId: member.id };
        });
        return async (em) => {
          const existing = await this.existingKeys(
            em,
            MemberGradingEntity,
            parsed,
            (r) => `${r.memberId}:${r.year}`,
            (e: MemberGradingEntity) => `${e.memberId}:${e.year}`,
          );
          await upsertGradings(em, parsed);
          return existing;
        };
      }
      case 'residence-comments': {
        const parsed: ResidenceCommentRow[] = rows.map((r) => {
          const member = r.member('member_id', { residence: true });
          const input = r.parse('residence-comments', { residenceOrgId: r.org('residence_org', false)?.id });
          keys.check(r, 'year', `${member.id}:${input.year}`);
          const residenceOrgId =
            input.residenceOrgId ??
            member.residenceOrgId ??
            r.fail('residence_org', 'bắt buộc: đảng viên chưa có chi bộ nơi cư trú');
          const { year, assessment, comment } = input;
          return { memberId: member.id, year, assessment, comment, residenceOrgId };
        });
        return async (em) => {
          const existing = await this.existingKeys(
            em,
            ResidenceCommentEntity,
            parsed,
            (r) => `${r.memberId}:${r.year}`,
            (e: ResidenceCommentEntity) => `${e.memberId}:${e.year}`,
          );
          await upsertResidenceComments(em, parsed, by);
          return existing;
        };
      }
      case 'disciplines': {
        const parsed: DisciplineRow[] = rows.map((r) => {
          const member = r.member();
          const input = r.parse('disciplines');
          // Issue 9 §8: the body that decided it must have the power to impose the form.
          const power = disciplinePowerOf({ input, cellPath: r.cellOf(member).path, grants: expulsionGrants });
          if (!power.passed) r.fail('form', `'${input.form}': ${power.reason}`);
          return { ...input, memberId: member.id };
        });
        return async (em) => {
          await insertDisciplines(em, parsed, by);
          return 0;
        };
      }
      case 'transfers': {
        const parsed = rows.map((r) => this.transferRow(r));
        return async (em) => {
          await insertTransfers(em, parsed, by);
          return 0;
        };
      }
    }
  }

  /** A historical transfer; its status must agree with its dates (the schema checks them). */
  private transferRow(r: RowReader): TransferRow {
    const member = r.member();
    const from = r.org('from_org', false) ?? r.cellOf(member);
    const to = r.org('to_org') as OrganisationEntity;
    if (to.id === from.id) r.fail('to_org', 'trùng với nơi đi');
    const { presentBy, note, ...input } = r.parse('transfers');
    return {
      ...input,
      memberId: member.id,
      fromOrgId: from.id,
      toOrgId: to.id,
      // Without a date on the letter, the limit is 30 days from the introduction [R30].
      presentBy: presentBy ?? defaultPresentBy(input.issuedOn),
      note: note ?? null,
    };
  }

  /** How many of the rows' natural keys already exist (those rows update, the others create). */
  private async existingKeys<R extends { memberId: string }, E extends object>(
    em: EntityManager,
    entity: new () => E,
    rows: R[],
    rowKey: (r: R) => string,
    entityKey: (e: E) => string,
  ): Promise<number> {
    const memberIds = [...new Set(rows.map((r) => r.memberId))];
    const existing = new Set(
      (await em.getRepository(entity).find({ where: { memberId: In(memberIds) } as never })).map(entityKey),
    );
    return rows.filter((r) => existing.has(rowKey(r))).length;
  }
}
