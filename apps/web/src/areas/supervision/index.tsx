import { lazy } from 'react';
import { EyeOutlined } from '@ant-design/icons';
import type { Area } from '../area';

const SupervisionPage = lazy(() => import('./SupervisionPage').then((m) => ({ default: m.SupervisionPage })));

/** The supervision pages (issue 10): the supervisor's dashboard over their organisation subtree. */
export const SUPERVISION_PATH = '/giam-sat';

export const supervisionArea: Area = {
  routes: [{ path: SUPERVISION_PATH, element: <SupervisionPage /> }],
  nav: [{ path: SUPERVISION_PATH, label: 'Giám sát', icon: <EyeOutlined />, roles: ['supervisor', 'administrator'] }],
};
