/**
 * Delegation of authority (ủy quyền): a competent committee delegates admission, and separately
 * expulsion, to a grassroots committee for a period and may revoke it [seed:000][R5].
 */
export const DELEGATED_POWERS = ['admission', 'expulsion'] as const;
export type DelegatedPowerKey = (typeof DELEGATED_POWERS)[number];

export const GRANT_STATUSES = ['active', 'expired', 'revoked', 'future'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

export type GrantPeriod = { validFrom: Date; validUntil: Date | null; revokedAt: Date | null };

/**
 * The status of a grant at an instant: valid from `validFrom` (inclusive) until `validUntil`
 * (exclusive), unless revoked at or before that instant. A revocation wins over expiry.
 */
export function grantStatusAt({ grant, at }: { grant: GrantPeriod; at: Date }): GrantStatus {
  const t = at.getTime();
  if (grant.revokedAt && grant.revokedAt.getTime() <= t) return 'revoked';
  if (grant.validFrom.getTime() > t) return 'future';
  if (grant.validUntil && grant.validUntil.getTime() <= t) return 'expired';
  return 'active';
}

export const isGrantValidAt = ({ grant, at }: { grant: GrantPeriod; at: Date }): boolean =>
  grantStatusAt({ grant, at }) === 'active';

/** True when two periods share an instant (an open end runs for ever). */
export function periodsOverlap({
  a,
  b,
}: {
  a: { from: Date; until: Date | null };
  b: { from: Date; until: Date | null };
}): boolean {
  const aEnd = a.until?.getTime() ?? Number.POSITIVE_INFINITY;
  const bEnd = b.until?.getTime() ?? Number.POSITIVE_INFINITY;
  return a.from.getTime() < bEnd && b.from.getTime() < aEnd;
}

export type AuthorityGrant = GrantPeriod & { id: string; granteeOrgId: string; power: DelegatedPowerKey };

/**
 * Who holds a power over a grassroots committee's cases at an instant: the grassroots committee
 * itself while it holds a valid grant for that very power, otherwise the standing committee of
 * the directly superior committee [R5]. A grant for one power never carries the other.
 */
export function authorityHolderAt({
  grants,
  power,
  grassrootsOrgId,
  competentOrgId,
  at,
}: {
  grants: readonly AuthorityGrant[];
  power: DelegatedPowerKey;
  grassrootsOrgId: string;
  competentOrgId: string;
  at: Date;
}): {
  orgId: string;
  role: 'grassroots_committee_member' | 'standing_committee_member';
  delegated: boolean;
  grantId: string | null;
} {
  const grant = grants
    .filter((g) => g.power === power && g.granteeOrgId === grassrootsOrgId && isGrantValidAt({ grant: g, at }))
    .sort((x, y) => y.validFrom.getTime() - x.validFrom.getTime())[0];
  return grant
    ? { orgId: grassrootsOrgId, role: 'grassroots_committee_member', delegated: true, grantId: grant.id }
    : { orgId: competentOrgId, role: 'standing_committee_member', delegated: false, grantId: null };
}

/**
 * Labels of the delegable powers. Kept beside the powers rather than merged into the glossary:
 * 'expulsion' is also a discipline form's key there, and glossary keys must be unique.
 */
export const DELEGATED_POWER_LABELS: Record<DelegatedPowerKey, { vi: string; note: string }> = {
  admission: { vi: 'Quyết định kết nạp đảng viên', note: 'Quyền có thể ủy quyền cho đảng ủy cơ sở [R5][seed:000]' },
  expulsion: { vi: 'Quyết định khai trừ đảng viên', note: 'Ủy quyền riêng, độc lập với quyền kết nạp [seed:000]' },
};
