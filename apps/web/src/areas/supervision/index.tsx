import { lazy } from 'react';
import { EyeOutlined } from '@ant-design/icons';
import type { Area } from '../area';

const SupervisionPage = lazy(() => import('./SupervisionPage').then((m) => ({ default: m.SupervisionPage })));
const ReassignmentPage = lazy(() => import('./ReassignmentPage').then((m) => ({ default: m.ReassignmentPage })));

/** The supervision pages (issue 10): the supervisor's dashboard over their organisation subtree. */
export const SUPERVISION_PATH = '/giam-sat';
/** Bulk reassignment (issue 14 §2), beside the dashboard. */
export const REASSIGNMENT_PATH = '/giam-sat/chuyen-viec';

export const supervisionArea: Area = {
  routes: [
    { path: SUPERVISION_PATH, element: <SupervisionPage /> },
    { path: REASSIGNMENT_PATH, element: <ReassignmentPage /> },
  ],
  nav: [{ path: SUPERVISION_PATH, label: 'Giám sát', icon: <EyeOutlined />, roles: ['supervisor', 'administrator'] }],
};
