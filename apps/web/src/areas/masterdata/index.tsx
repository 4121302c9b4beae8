import type { Area } from '../area';

/** The masterdata pages (issue 10). */
export const masterdataArea: Area = { routes: [], nav: [] };
