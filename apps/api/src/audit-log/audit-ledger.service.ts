import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { verifyAuditLedger, type LedgerVerification } from '@partyflow/persistence';
import { hasRoleAtOrAbove, isRootAdministrator, type AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { parseOrThrow } from '../common/validation';
import { AUDIT_READERS } from './audit-log.service';

export const VerifyQuery = z
  .object({ caseId: z.string({ invalid_type_error: 'phải là UUID' }).uuid('phải là UUID').optional() })
  .strict();

/**
 * Issue 14 §5: whether the audit ledger is untampered. A case's chain, for a supervisor or administrator of the
 * case's organisation or above; the whole log (global chain, daily digests, unsealed rows), for an administrator of
 * a root organisation. The hashes are computed again in the API (libs/persistence audit-ledger.ts).
 */
@Injectable()
export class AuditLedgerService {
  constructor(private readonly dataSource: DataSource) {}

  async verify(user: AuthUser, query: unknown): Promise<LedgerVerification> {
    const q = parseOrThrow(VerifyQuery, query ?? {}, 'query');
    if (!q.caseId) {
      if (!isRootAdministrator(user))
        throw ApiError.forbidden('Chỉ quản trị viên cấp cao nhất mới kiểm tra được toàn bộ nhật ký');
      return verifyAuditLedger(this.dataSource);
    }
    const caseId = q.caseId.toLowerCase();
    // The case's organisation, as the audit log places its rows (migration 1765238400200's audit_log_place).
    const [found] = (await this.dataSource.query(
      `SELECT (SELECT o.path FROM organisation o WHERE o.id = audit_log_place(NULL, $1::uuid, NULL, NULL)) AS path,
              EXISTS (SELECT 1 FROM audit_log a WHERE a.case_id = $1::uuid) AS logged`,
      [caseId],
    )) as { path: string | null; logged: boolean }[];
    if (!found.path && !found.logged)
      throw new ApiError(404, 'NOT_FOUND', `Không tìm thấy hồ sơ '${q.caseId}' trong nhật ký`, 'query.caseId');
    // A case whose organisation cannot be found is a root reader's, as in GET /audit.
    const allowed = found.path
      ? hasRoleAtOrAbove(user, found.path, AUDIT_READERS)
      : user.roles.some(
          (r) =>
            (AUDIT_READERS as readonly string[]).includes(r.role) && r.orgPath.split('/').filter(Boolean).length === 1,
        );
    if (!allowed)
      throw ApiError.forbidden('Bạn không giám sát hoặc quản trị tổ chức của hồ sơ này hay cấp trên của nó');
    return verifyAuditLedger(this.dataSource, { caseId });
  }
}
