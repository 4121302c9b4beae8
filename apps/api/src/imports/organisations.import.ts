import { type EntityManager } from 'typeorm';
import {
  creatableKindProblem,
  headerKey,
  ORG_KIND_LABELS,
  ORG_KINDS,
  parentProblem,
  type ImportColumnSpec,
  type OrgKind,
} from '@partyflow/domain';
import { OrganisationEntity } from '@partyflow/persistence';
import { appendAudit } from '@partyflow/audit';
import { hasRoleAtOrAbove, type AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { normaliseNfc } from '../common/validation';
import {
  CreateOrganisationBody,
  insertOrganisation,
  lockTree,
  mayCreateTopLevel,
  type MoveDone,
  type OrganisationsService,
} from '../organisations/organisations.service';
import { ImportRowError } from './imports.errors';
import type { ImportContext, ImportCounts, ImportKind, ImportRow, ImportWriter } from './import-registry';

/**
 * The organisations import (issue 9 §4): a committee's tree, one organisation a row, parents before
 * or after their children in the database but before them in the file. The natural key is the
 * organisation's code: a code not yet recorded is created as `POST /organisations` creates it; a
 * recorded one is renamed when the name differs and moved (as `POST /organisations/:id/move` moves it,
 * subtree paths and running cases included) when the parent differs. The kind never changes.
 */
export const ORGANISATION_COLUMNS: readonly ImportColumnSpec[] = [
  { name: 'code', aliases: ['Mã tổ chức', 'Mã tổ chức đảng', 'Mã'], required: true },
  { name: 'name', aliases: ['Tên tổ chức', 'Tên tổ chức đảng', 'Tên'], required: true },
  { name: 'kind', aliases: ['Loại', 'Loại tổ chức', 'Cấp tổ chức'], required: true },
  { name: 'parent_code', aliases: ['Mã tổ chức cấp trên', 'Mã cấp trên', 'Trực thuộc'], required: true },
  { name: 'reason', aliases: ['Căn cứ', 'Căn cứ thành lập', 'Lý do'], required: false },
];

/** The Vietnamese names a sheet gives each kind, beside the glossary's label and the code. */
const KIND_SYNONYMS: Record<OrgKind, readonly string[]> = {
  provincial_committee: ['Tỉnh ủy', 'Thành ủy', 'Đảng bộ tỉnh', 'Đảng bộ thành phố'],
  district_committee: ['Huyện ủy', 'Quận ủy', 'Thị ủy', 'Đảng bộ huyện', 'Đảng bộ quận'],
  grassroots_committee: ['Đảng bộ cơ sở', 'Đảng ủy'],
  cell: ['Chi bộ cơ sở trực thuộc', 'Chi bộ trực thuộc'],
};
const KIND_BY_KEY = new Map<string, OrgKind>(
  ORG_KINDS.flatMap((k) => [k, ORG_KIND_LABELS[k].vi, ...KIND_SYNONYMS[k]].map((t) => [headerKey(t), k] as const)),
);

/** A kind written as its code or a Vietnamese name, in any case, with or without diacritics; else the text as is. */
export function orgKindOf(text: string): string {
  return KIND_BY_KEY.get(headerKey(text)) ?? text;
}

export type ParsedOrganisation = {
  rowNumber: number;
  code: string;
  name: string;
  kind: OrgKind;
  parentCode: string | null;
  reason: string | null;
};

const FIELDS = CreateOrganisationBody.pick({ code: true, name: true, kind: true });
const Reason = CreateOrganisationBody.shape.reason;

/** One row, validated with the fields of `POST /organisations`' schema (400 naming the column). */
export function parseOrganisationRow(row: ImportRow): ParsedOrganisation {
  const v = normaliseNfc(row.values);
  const fail = (column: string, reason: string): never => {
    throw new ImportRowError(row.rowNumber, column, v[column] ? `'${v[column]}': ${reason}` : reason);
  };
  const parsed = FIELDS.safeParse({
    code: v.code || undefined,
    name: v.name || undefined,
    kind: v.kind ? orgKindOf(v.kind) : undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(String(issue.path[0]), issue.message);
  }
  let reason: string | null = null;
  if (v.reason) {
    const r = Reason.safeParse(v.reason);
    if (!r.success) fail('reason', r.error.issues[0].message);
    else reason = r.data;
  }
  const parentCode = v.parent_code ? v.parent_code.trim().toUpperCase() : null;
  return { rowNumber: row.rowNumber, ...parsed.data, parentCode, reason };
}

type Org = OrganisationEntity;

class OrganisationsWriter implements ImportWriter {
  private readonly seen = new Map<string, number>();
  private readonly counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  private readonly moves: Array<{ done: MoveDone; reason: string }> = [];

  constructor(
    private readonly ctx: ImportContext,
    private readonly service: OrganisationsService,
    private byCode: Map<string, Org>,
  ) {}

  async add(row: ImportRow): Promise<void> {
    const p = parseOrganisationRow(row);
    const fail = (column: string, reason: string, status: 400 | 403 | 409 = 400): never => {
      throw new ImportRowError(p.rowNumber, column, reason, status);
    };
    const first = this.seen.get(p.code);
    if (first !== undefined) fail('code', `'${p.code}': trùng mã tổ chức với dòng ${first}`, 409);
    this.seen.set(p.code, p.rowNumber);
    const parent = p.parentCode
      ? (this.byCode.get(p.parentCode) ??
        fail(
          'parent_code',
          `'${p.parentCode}': không có tổ chức mã này trong hệ thống hay ở các dòng trên của tệp (tổ chức cấp trên phải đứng trước)`,
        ))
      : null;
    const existing = this.byCode.get(p.code);
    for (const org of [existing, parent]) if (org) this.ctx.place(org.path);
    if (existing) await this.update(p, existing, parent, fail);
    else await this.create(p, parent, fail);
  }

  async finish(): Promise<ImportCounts> {
    return { ...this.counts };
  }

  /** After the commit, as the move endpoint does: open tasks of moved cases moved, running cases told their place. */
  async afterCommit(): Promise<Record<string, number>> {
    const out = { moved: this.moves.length, tasksMoved: 0, casesRelocated: 0, notFollowed: 0 };
    for (const m of this.moves) {
      const r = await this.service.followMove(this.ctx.user, m.done, m.reason);
      out.tasksMoved += r.movedTasks.length;
      out.casesRelocated += r.relocatedCases.length;
      out.notFollowed += r.failedMoves.length + r.failedRelocations.length;
    }
    return out;
  }

  private comment(p: ParsedOrganisation): string {
    return p.reason ?? `Nhập từ tệp (lần nhập ${this.ctx.importId})`;
  }

  private async create(p: ParsedOrganisation, parent: Org | null, fail: Fail): Promise<void> {
    const { em, user, importId, at } = this.ctx;
    const kindProblem = creatableKindProblem(p.kind);
    if (kindProblem) fail('kind', kindProblem.message);
    if (parent && !isAdministrator(user, parent))
      fail('parent_code', `${parent.name} ngoài phạm vi quản trị của người nhập`, 403);
    if (!parent && !mayCreateTopLevel(user))
      fail('parent_code', 'chỉ quản trị viên của một tổ chức cấp cao nhất được lập tổ chức cấp cao nhất mới', 403);
    const problem = parentProblem({ kind: p.kind, parent: parent && { ...parent, closed: !!parent.closedAt } });
    if (problem) fail('parent_code', problem.message);
    const created = await insertOrganisation(
      em,
      user,
      { code: p.code, name: p.name, kind: p.kind, parent },
      { at, comment: this.comment(p), details: { importId } },
    );
    this.byCode.set(p.code, created);
    this.counts.created++;
  }

  private async update(p: ParsedOrganisation, org: Org, parent: Org | null, fail: Fail): Promise<void> {
    const { em, user, importId, at } = this.ctx;
    if (org.kind !== p.kind)
      fail('kind', `${org.name} (${org.code}) là ${ORG_KIND_LABELS[org.kind].vi}; loại tổ chức không đổi được`, 409);
    if (!isAdministrator(user, org)) fail('code', `${org.name} ngoài phạm vi quản trị của người nhập`, 403);
    const moves = (parent?.id ?? null) !== org.parentId;
    const renames = org.name !== p.name;
    if (!moves && !renames) {
      this.counts.unchanged++;
      return;
    }
    if (org.closedAt) fail('code', `${org.name} đã đóng (giải thể, sáp nhập); không thay đổi được nữa`, 409);
    if (moves) {
      if (!parent) {
        const problem = parentProblem({ kind: org.kind, parent: null });
        fail('parent_code', problem?.message ?? 'bắt buộc');
      }
      try {
        const done = await this.service.moveWithin(em, user, org, parent as Org, this.comment(p), { importId });
        this.moves.push({ done, reason: this.comment(p) });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        const message = e.field ? e.message.replace(`${e.field}: `, '') : e.message;
        fail('parent_code', message, e.status === 403 ? 403 : e.status === 409 ? 409 : 400);
      }
      // Paths below the moved organisation changed: later rows read the new ones.
      this.byCode = await loadByCode(em);
    }
    if (renames) {
      await em.update(OrganisationEntity, { id: org.id }, { name: p.name });
      await appendAudit(em, {
        eventKey: `organisation:${org.id}:renamed:${importId}`,
        at,
        action: 'organisation.renamed',
        actor: { userId: user.userId, name: user.fullName },
        orgId: org.id,
        comment: this.comment(p),
        details: { code: org.code, before: org.name, after: p.name, importId },
      });
      this.byCode.set(p.code, await em.findOneByOrFail(OrganisationEntity, { id: org.id }));
    }
    this.counts.updated++;
  }
}

type Fail = (column: string, reason: string, status?: 400 | 403 | 409) => never;

const isAdministrator = (user: AuthUser, org: Org) => hasRoleAtOrAbove(user, org.path, ['administrator']);

async function loadByCode(em: EntityManager): Promise<Map<string, Org>> {
  return new Map((await em.find(OrganisationEntity)).map((o) => [o.code, o]));
}

/** The organisations kind; it moves organisations through the organisations service (its rules and clients). */
export function organisationsImport(service: OrganisationsService): ImportKind {
  return {
    kind: 'organisations',
    label: 'tổ chức đảng',
    columns: ORGANISATION_COLUMNS,
    mayImport: (user) => user.roles.some((r) => r.role === 'administrator'),
    forbiddenMessage: 'Chỉ quản trị hệ thống được nhập cây tổ chức đảng',
    writer: async (ctx) => {
      // One tree change at a time, as the single endpoints: held until the import's transaction ends.
      await lockTree(ctx.em);
      return new OrganisationsWriter(ctx, service, await loadByCode(ctx.em));
    },
  };
}
