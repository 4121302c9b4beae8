import { adminArea } from '../areas/admin';
import { masterdataArea } from '../areas/masterdata';
import { supervisionArea } from '../areas/supervision';
import type { Area, AreaNavItem } from '../areas/area';
import type { SessionUser } from './session-store';

/** Every area of the page, in the order of the navigation. */
export const AREAS: readonly Area[] = [supervisionArea, masterdataArea, adminArea];

/** The navigation entries this user sees (by their roles in any organisation). */
export function navFor(user: SessionUser | undefined): AreaNavItem[] {
  const roles = new Set(user?.roles.map((r) => r.role) ?? []);
  return AREAS.flatMap((a) => a.nav).filter((item) => !item.roles || item.roles.some((r) => roles.has(r)));
}
