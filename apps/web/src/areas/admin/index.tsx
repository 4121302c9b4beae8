import type { Area } from '../area';

/** The admin pages (issue 10). */
export const adminArea: Area = { routes: [], nav: [] };
