import { SettingOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { Area } from '../area';
import { ADMIN_AREA_ROLES, ADMIN_PATHS } from './pages';

// Each page is its own chunk (issue 10: the inbox's first load stays small).
const AdminHomePage = lazy(() => import('./AdminHomePage').then((m) => ({ default: m.AdminHomePage })));
const PoliciesPage = lazy(() => import('./PoliciesPage').then((m) => ({ default: m.PoliciesPage })));
const HolidaysPage = lazy(() => import('./HolidaysPage').then((m) => ({ default: m.HolidaysPage })));
const DelegationsPage = lazy(() => import('./DelegationsPage').then((m) => ({ default: m.DelegationsPage })));
const QuotasPage = lazy(() => import('./QuotasPage').then((m) => ({ default: m.QuotasPage })));
const InspectionsPage = lazy(() => import('./InspectionsPage').then((m) => ({ default: m.InspectionsPage })));
const AuditVerifyPage = lazy(() => import('./AuditVerifyPage').then((m) => ({ default: m.AuditVerifyPage })));
const ProxyGrantsPage = lazy(() => import('./ProxyGrantsPage').then((m) => ({ default: m.ProxyGrantsPage })));
const ReportsPage = lazy(() => import('./ReportsPage').then((m) => ({ default: m.ReportsPage })));

/**
 * The admin pages (issue 10): configuration for administrators; quotas, delegations and reports also for the
 * organisation department.
 */
export const adminArea: Area = {
  routes: [
    { path: ADMIN_PATHS.home, element: <AdminHomePage /> },
    { path: ADMIN_PATHS.policies, element: <PoliciesPage /> },
    { path: ADMIN_PATHS.holidays, element: <HolidaysPage /> },
    { path: ADMIN_PATHS.delegations, element: <DelegationsPage /> },
    { path: ADMIN_PATHS.quotas, element: <QuotasPage /> },
    { path: ADMIN_PATHS.inspections, element: <InspectionsPage /> },
    { path: ADMIN_PATHS.reports, element: <ReportsPage /> },
    { path: ADMIN_PATHS.auditVerify, element: <AuditVerifyPage /> },
    { path: ADMIN_PATHS.proxyGrants, element: <ProxyGrantsPage /> },
  ],
  nav: [{ path: ADMIN_PATHS.home, label: 'Quản trị', icon: <SettingOutlined />, roles: ADMIN_AREA_ROLES }],
};
