import type { Area } from '../area';

/** The supervision pages (issue 10). */
export const supervisionArea: Area = { routes: [], nav: [] };
