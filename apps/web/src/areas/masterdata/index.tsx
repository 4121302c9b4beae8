import { lazy } from 'react';
import { ApartmentOutlined, TeamOutlined } from '@ant-design/icons';
import type { Area } from '../area';
import { MD } from './paths';
import { MdTheme } from './theme';

// Each page is its own chunk: nothing of master data is in the inbox's first load.
const page = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));
const themed = (Page: React.ComponentType) => (
  <MdTheme>
    <Page />
  </MdTheme>
);
const OrganisationsPage = page(() => import('./OrganisationsPage'), 'OrganisationsPage');
const MembersPage = page(() => import('./MembersPage'), 'MembersPage');
const MemberRegisterPage = page(() => import('./MemberRegisterPage'), 'MemberRegisterPage');
const MemberPage = page(() => import('./MemberPage'), 'MemberPage');
const UsersPage = page(() => import('./UsersPage'), 'UsersPage');
const UserPage = page(() => import('./UserPage'), 'UserPage');
const CriteriaPage = page(() => import('./CriteriaPage'), 'CriteriaPage');
const ImportsPage = page(() => import('./ImportsPage'), 'ImportsPage');

/**
 * The master-data pages (issue 10): organisations, members and candidates, users and roles, criteria sets and
 * spreadsheet imports, for administrators and the organisation department; cell committees see their members.
 */
export const masterdataArea: Area = {
  routes: [
    { path: MD.organisations, element: themed(OrganisationsPage) },
    { path: MD.members, element: themed(MembersPage) },
    { path: MD.newMember, element: themed(MemberRegisterPage) },
    { path: '/dang-vien/:id', element: themed(MemberPage) },
    { path: MD.users, element: themed(UsersPage) },
    { path: '/nguoi-dung/:id', element: themed(UserPage) },
    { path: MD.criteria, element: themed(CriteriaPage) },
    { path: MD.imports, element: themed(ImportsPage) },
  ],
  nav: [
    {
      path: MD.organisations,
      label: 'Tổ chức & đảng viên',
      icon: <ApartmentOutlined />,
      roles: ['administrator', 'organisation_department'],
    },
    {
      path: MD.members,
      label: 'Đảng viên chi bộ',
      icon: <TeamOutlined />,
      roles: ['cell_secretary', 'cell_committee_member'],
    },
  ],
};
