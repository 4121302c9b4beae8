import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { labelVi } from '@partyflow/domain';
import type { NotificationEntity } from '@partyflow/persistence';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { countCapped, CURSOR_PARAMS, Keyset, type CursorPage } from '../common/keyset';
import { boolQueryParam } from '../common/list-page';
import { parseOrThrow } from '../common/validation';

export const NotificationListQuery = z.object({ unread: boolQueryParam().optional(), ...CURSOR_PARAMS }).strict();

/** Unread first, then newest first (issue 9 §7); the cursor's key (issue 13 §3). */
const ORDER = new Keyset(
  [
    { sql: '(nr.read_at IS NULL)::int', type: 'int' },
    { sql: 'n.created_at', type: 'timestamptz' },
    { sql: 'n.id', type: 'bigint' },
  ],
  'DESC',
);

const KIND_VI: Record<NotificationEntity['kind'], string> = {
  task_assigned: 'Nhiệm vụ mới',
  task_reminder: 'Nhắc hạn',
  task_escalated: 'Quá hạn, chuyển cấp trên',
  task_repromised: 'Hẹn lại hạn xử lý',
  inspection_results: 'Kết quả kiểm tra',
  case_notice: 'Thông báo về hồ sơ',
};

export type NotificationView = {
  id: string;
  kind: NotificationEntity['kind'];
  kindLabel: string;
  createdAt: Date;
  message: string;
  taskId: string | null;
  organisation: { id: string; code: string; name: string };
  /** The role it was sent to (null: to a named member, or to the whole organisation). */
  role: string | null;
  roleLabel: string | null;
  read: boolean;
  readAt: Date | null;
};

type Row = {
  [key: `__k${number}`]: unknown;
  id: string;
  kind: NotificationEntity['kind'];
  createdAt: Date;
  message: string;
  taskId: string | null;
  orgId: string;
  orgCode: string;
  orgName: string;
  role: string | null;
  readAt: Date | null;
};

const view = (r: Row): NotificationView => ({
  id: r.id,
  kind: r.kind,
  kindLabel: KIND_VI[r.kind] ?? r.kind,
  createdAt: r.createdAt,
  message: r.message,
  taskId: r.taskId,
  organisation: { id: r.orgId, code: r.orgCode, name: r.orgName },
  role: r.role,
  roleLabel: r.role ? labelVi(r.role) : null,
  read: r.readAt !== null,
  readAt: r.readAt,
});

/**
 * The SQL condition (on alias n) for "sent to this user": to their member record by name, or to a role they
 * hold in the organisation it was sent to, or to that organisation as a whole. Its parameters are numbered
 * from `$first`.
 */
function mine(user: AuthUser, first: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${first + params.length - 1}`;
  };
  const parts: string[] = [];
  if (user.memberId) parts.push(`n.recipient_member_id = ${p(user.memberId)}::uuid`);
  const byOrg = new Map<string, string[]>();
  for (const r of user.roles) byOrg.set(r.orgId, [...(byOrg.get(r.orgId) ?? []), r.role]);
  for (const [orgId, roles] of byOrg) {
    const org = p(orgId);
    const held = p(roles);
    parts.push(
      `(n.recipient_member_id IS NULL AND n.recipient_org_id = ${org}::uuid ` +
        `AND (n.recipient_role IS NULL OR n.recipient_role = ANY(${held}::text[])))`,
    );
  }
  return { sql: parts.length ? `(${parts.join(' OR ')})` : 'false', params };
}

/** The user's own notifications (issue 9 §7): unread first, paged; each user marks what they have read. */
@Injectable()
export class NotificationsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(user: AuthUser, query: unknown): Promise<CursorPage<NotificationView> & { unread: number }> {
    const q = parseOrThrow(NotificationListQuery, query ?? {}, 'query');
    const after = ORDER.decode(q.cursor);
    const m = mine(user, 2);
    const params: unknown[] = [user.userId, ...m.params];
    const base = `FROM notification n
      JOIN organisation o ON o.id = n.recipient_org_id
      LEFT JOIN notification_read nr ON nr.notification_id = n.id AND nr.user_id = $1::uuid
      WHERE ${m.sql}`;
    const filter =
      q.unread === true ? ' AND nr.read_at IS NULL' : q.unread === false ? ' AND nr.read_at IS NOT NULL' : '';
    const [counts] = (await this.dataSource.query(
      `SELECT (count(*) FILTER (WHERE nr.read_at IS NULL))::int AS unread ${base}`,
      params,
    )) as { unread: number }[];
    const total = await countCapped(this.dataSource, `${base}${filter}`, params);
    const pageParams = [...params];
    const bind = (v: string) => {
      pageParams.push(v);
      return `$${pageParams.length}`;
    };
    const raw = (await this.dataSource.query(
      `SELECT n.id::text AS id, n.kind, n.created_at AS "createdAt", n.message, n.task_id AS "taskId",
              o.id AS "orgId", o.code AS "orgCode", o.name AS "orgName", n.recipient_role AS role,
              nr.read_at AS "readAt", ${ORDER.selects()}
         ${base}${filter}${after ? ` AND ${ORDER.after(after, bind)}` : ''}
        ORDER BY ${ORDER.orderBy()}
        LIMIT ${q.pageSize + 1}`,
      pageParams,
    )) as Row[];
    const { rows, next } = ORDER.cut(raw, q.pageSize);
    return { items: rows.map(view), pageSize: q.pageSize, next, ...total, unread: counts.unread };
  }

  /** Marks one notification read for this user; reading it again keeps the first time. */
  async markRead(user: AuthUser, rawId: string): Promise<NotificationView> {
    if (!/^\d{1,18}$/.test(rawId)) throw ApiError.badRequest('id', 'phải là số nguyên dương');
    const m = mine(user, 1);
    const [row] = (await this.dataSource.query(
      `SELECT n.id::text AS id, (${m.sql}) AS mine FROM notification n WHERE n.id = $${m.params.length + 1}::bigint`,
      [...m.params, rawId],
    )) as { id: string; mine: boolean }[];
    if (!row) throw ApiError.notFound('thông báo', rawId);
    if (!row.mine) throw ApiError.forbidden('Thông báo này không gửi cho bạn');
    await this.dataSource.query(
      `INSERT INTO notification_read (notification_id, user_id, read_at) VALUES ($1::bigint, $2::uuid, now())
       ON CONFLICT (notification_id, user_id) DO NOTHING`,
      [rawId, user.userId],
    );
    const [read] = (await this.dataSource.query(
      `SELECT n.id::text AS id, n.kind, n.created_at AS "createdAt", n.message, n.task_id AS "taskId",
              o.id AS "orgId", o.code AS "orgCode", o.name AS "orgName", n.recipient_role AS role,
              nr.read_at AS "readAt"
         FROM notification n JOIN organisation o ON o.id = n.recipient_org_id
         JOIN notification_read nr ON nr.notification_id = n.id AND nr.user_id = $2::uuid
        WHERE n.id = $1::bigint`,
      [rawId, user.userId],
    )) as Row[];
    return view(read);
  }

  /** Marks every unread notification of this user read; answers how many were marked. */
  async markAllRead(user: AuthUser): Promise<{ marked: number }> {
    const m = mine(user, 2);
    const [{ n }] = (await this.dataSource.query(
      `WITH ins AS (
         INSERT INTO notification_read (notification_id, user_id, read_at)
         SELECT n.id, $1::uuid, now() FROM notification n
          WHERE ${m.sql}
            AND NOT EXISTS (SELECT 1 FROM notification_read r WHERE r.notification_id = n.id AND r.user_id = $1::uuid)
         ON CONFLICT (notification_id, user_id) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [user.userId, ...m.params],
    )) as { n: number }[];
    return { marked: n };
  }
}
