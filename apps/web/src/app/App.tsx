import { ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { lazy, Suspense, type ReactNode } from 'react';
import { ApiFailure } from '../api/client';
import { AppLayout } from '../components/AppLayout';
import { Loading } from '../components/Loading';
import { usePrefersReducedMotion } from './reduced-motion';
import { useSession } from './session';
import { ROUTES } from './routes';
import { AREAS } from './areas';

// Each page is its own chunk, so the first load carries only what the inbox needs (issue 10: ≤ 250 kB gzipped).
const LoginPage = lazy(() => import('../pages/LoginPage').then((m) => ({ default: m.LoginPage })));
const InboxPage = lazy(() => import('../pages/InboxPage').then((m) => ({ default: m.InboxPage })));
const TaskPage = lazy(() => import('../pages/TaskPage').then((m) => ({ default: m.TaskPage })));
const AdmissionCasePage = lazy(() =>
  import('../pages/AdmissionCasePage').then((m) => ({ default: m.AdmissionCasePage })),
);
const NotificationsPage = lazy(() =>
  import('../pages/NotificationsPage').then((m) => ({ default: m.NotificationsPage })),
);
const NotFoundPage = lazy(() => import('../pages/StatusPages').then((m) => ({ default: m.NotFoundPage })));
const SubstitutesPage = lazy(() => import('../pages/SubstitutesPage').then((m) => ({ default: m.SubstitutesPage })));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refused or missing record will not appear by asking again; a network blip may.
      retry: (count, error) => count < 2 && (!(error instanceof ApiFailure) || error.status === 0),
      refetchOnWindowFocus: true,
      staleTime: 5_000,
    },
  },
});

/** Pages of a signed-in user; anyone else goes to the login page and comes back after it. */
function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) return <Navigate to={ROUTES.login} replace state={{ from: location.pathname + location.search }} />;
  return (
    <AppLayout>
      <Suspense fallback={<Loading rows={6} />}>{children}</Suspense>
    </AppLayout>
  );
}

export function App() {
  const reducedMotion = usePrefersReducedMotion();
  return (
    <ConfigProvider
      locale={viVN}
      theme={{
        // Secondary text darker than antd's default (0.45 alpha fails WCAG AA contrast on light backgrounds).
        token: {
          colorPrimary: '#b71c1c',
          colorLink: '#9a1717',
          colorInfo: '#0b5cad',
          borderRadius: 6,
          fontSize: 15,
          colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
          colorTextDescription: 'rgba(0, 0, 0, 0.65)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
          motion: !reducedMotion,
        },
      }}
      componentSize="middle"
    >
      <QueryClientProvider client={queryClient}>
        <BrowserRouter basename="/app">
          <Suspense fallback={<Loading rows={6} />}>
            <Routes>
              <Route path={ROUTES.login} element={<LoginPage />} />
              <Route path="/" element={<Navigate to={ROUTES.inbox} replace />} />
              <Route
                path={ROUTES.inbox}
                element={
                  <RequireSession>
                    <InboxPage />
                  </RequireSession>
                }
              />
              <Route
                path="/nhiem-vu/:id"
                element={
                  <RequireSession>
                    <TaskPage />
                  </RequireSession>
                }
              />
              <Route
                path="/ho-so-ket-nap/:id"
                element={
                  <RequireSession>
                    <AdmissionCasePage />
                  </RequireSession>
                }
              />
              <Route
                path={ROUTES.substitutes}
                element={
                  <RequireSession>
                    <SubstitutesPage />
                  </RequireSession>
                }
              />
              <Route
                path={ROUTES.notifications}
                element={
                  <RequireSession>
                    <NotificationsPage />
                  </RequireSession>
                }
              />
              {AREAS.flatMap((area) => area.routes).map((r) => (
                <Route key={r.path} path={r.path} element={<RequireSession>{r.element}</RequireSession>} />
              ))}
              <Route
                path="*"
                element={
                  <RequireSession>
                    <NotFoundPage />
                  </RequireSession>
                }
              />
            </Routes>
          </Suspense>
        </BrowserRouter>
      </QueryClientProvider>
    </ConfigProvider>
  );
}
