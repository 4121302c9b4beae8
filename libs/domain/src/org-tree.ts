import type { FieldProblem } from './errors';
import type { OrgKind } from './org';

/**
 * The kinds an organisation of each kind may sit directly under, as the project models the tree
 * (org.ts; DOMAIN.md, "the organisation tree has no fixed depth"): the parent is the directly superior
 * committee. A cell (chi bộ) sits under its grassroots committee (đảng ủy cơ sở), whose parent in turn is
 * the committee competent for its cases [caseOrgChain][seed:000]; a grassroots committee sits under a
 * district committee (historical data) or, since the district level was abolished in 2025, directly under
 * the provincial one [R10]; a district committee under its province; a provincial committee is a root.
 * A cell directly under a district or provincial committee (chi bộ cơ sở) is not modelled [A]: its cases
 * would have no grassroots level. An empty list means the kind is a root only.
 */
export const ALLOWED_PARENT_KINDS: Record<OrgKind, readonly OrgKind[]> = {
  provincial_committee: [],
  district_committee: ['provincial_committee'],
  grassroots_committee: ['provincial_committee', 'district_committee'],
  cell: ['grassroots_committee'],
};

/**
 * Kinds that can no longer be created or receive new organisations: the district level was abolished
 * in 2025 [R10], so district committees exist only for historical data (org.ts).
 */
export const HISTORICAL_ORG_KINDS: readonly OrgKind[] = ['district_committee'];

/** The ids of a materialised path '/<root id>/…/<own id>/', root first. */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** Whether `path` is the organisation at `ancestorPath` or one below it. */
export function isAtOrBelow({ path, ancestorPath }: { path: string; ancestorPath: string }): boolean {
  return path.startsWith(ancestorPath);
}

/**
 * The lowest organisation that holds every one of `paths` (itself one of them, or an ancestor of all), by id; null
 * for no paths or paths under different roots. Where one audit row concerns several organisations (a file import),
 * it is read under this one (issue 9 §7), so that each reader who watches all of them sees it.
 */
export function lowestCommonOrg(paths: readonly string[]): string | null {
  if (!paths.length) return null;
  const [first, ...rest] = paths.map(pathIds);
  let depth = first.length;
  for (const ids of rest) {
    let same = 0;
    while (same < Math.min(depth, ids.length) && ids[same] === first[same]) same++;
    depth = same;
  }
  return depth ? first[depth - 1] : null;
}

/**
 * A supervisor's drill-down (issue 10, supervisor's dashboard): the ids from the highest of `supervisedPaths` that
 * holds `path` down to `path`'s own organisation; the whole path when none holds it (seen through another link).
 */
export function supervisedChain({ path, supervisedPaths }: { path: string; supervisedPaths: readonly string[] }) {
  const ids = pathIds(path);
  const holders = supervisedPaths.filter((ancestorPath) => isAtOrBelow({ path, ancestorPath }));
  if (!holders.length) return ids;
  const depth = Math.min(...holders.map((p) => pathIds(p).length));
  return ids.slice(depth - 1);
}

export type ParentCandidate = { id: string; kind: OrgKind; path: string; closed: boolean };

/**
 * Why an organisation of `kind` cannot be placed under `parent` (on create, or on a move when
 * `subjectPath` is the moved organisation's current path), or undefined when it can. The problem names
 * the field `parentId`: a root kind given a parent, a missing parent for a non-root kind, a parent of
 * a kind the tree does not allow [ALLOWED_PARENT_KINDS], a historical (district) or closed parent, or
 * a cycle: the organisation itself or one of its descendants [R10].
 */
export function parentProblem({
  kind,
  parent,
  subjectPath,
}: {
  kind: OrgKind;
  parent: ParentCandidate | null;
  subjectPath?: string;
}): FieldProblem | undefined {
  const allowed = ALLOWED_PARENT_KINDS[kind];
  const field = 'parentId';
  if (!parent) {
    return allowed.length
      ? { field, message: `bắt buộc: ${kindVi(kind)} phải trực thuộc ${allowed.map(kindVi).join(' hoặc ')}` }
      : undefined;
  }
  if (subjectPath && isAtOrBelow({ path: parent.path, ancestorPath: subjectPath })) {
    return { field, message: 'không thể chuyển một tổ chức vào chính nó hoặc vào tổ chức cấp dưới của nó' };
  }
  if (!allowed.length) return { field, message: `${kindVi(kind)} là cấp cao nhất, không trực thuộc tổ chức nào` };
  if (!allowed.includes(parent.kind)) {
    return {
      field,
      message: `${kindVi(kind)} chỉ trực thuộc ${allowed.map(kindVi).join(' hoặc ')}, không trực thuộc ${kindVi(parent.kind)}`,
    };
  }
  if (HISTORICAL_ORG_KINDS.includes(parent.kind)) {
    return {
      field,
      message: `${kindVi(parent.kind)}: cấp huyện không còn từ năm 2025, không nhận thêm tổ chức trực thuộc`,
    };
  }
  if (parent.closed) return { field, message: 'tổ chức cấp trên đã giải thể (đóng)' };
  return undefined;
}

/** Why an organisation of `kind` cannot be created (field `kind`): the historical district level [R10]. */
export function creatableKindProblem(kind: OrgKind): FieldProblem | undefined {
  return HISTORICAL_ORG_KINDS.includes(kind)
    ? { field: 'kind', message: 'cấp huyện không còn từ năm 2025; không tạo mới huyện ủy, quận ủy' }
    : undefined;
}

/**
 * The path of an organisation of a moved subtree: the moved root's old path prefix replaced by its new
 * one. A path outside the subtree is returned unchanged.
 */
export function rebasePath({ path, from, to }: { path: string; from: string; to: string }): string {
  return path.startsWith(from) ? `${to}${path.slice(from.length)}` : path;
}

/**
 * Where a task of a case follows when the case's organisation moves (issue 9 §1). A case reads its
 * deciding organisations off its cell's path by level: the parent, the grandparent [caseOrgChain]. A task
 * held by an organisation that was the k-th ancestor of the case on the old path goes to the k-th
 * ancestor on the new path. Returns the new organisation id, `null` when the new path has no such level,
 * or undefined when the task does not need to move (its organisation is not an old ancestor, or is
 * still on the new path).
 */
export function relocatedAncestor({
  oldCasePath,
  newCasePath,
  assigneeOrgId,
}: {
  oldCasePath: string;
  newCasePath: string;
  assigneeOrgId: string;
}): string | null | undefined {
  const before = pathIds(oldCasePath);
  const after = pathIds(newCasePath);
  if (after.includes(assigneeOrgId)) return undefined;
  const at = before.lastIndexOf(assigneeOrgId);
  if (at < 0) return undefined;
  const level = before.length - 1 - at;
  return after.length > level ? after[after.length - 1 - level] : null;
}

const KIND_VI: Record<OrgKind, string> = {
  provincial_committee: 'tỉnh ủy, thành ủy',
  district_committee: 'huyện ủy, quận ủy',
  grassroots_committee: 'đảng ủy cơ sở',
  cell: 'chi bộ',
};
const kindVi = (kind: OrgKind): string => KIND_VI[kind];
