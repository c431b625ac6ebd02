import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { PageFallback } from '../ui/PageFallback.js';
import { AppLayout } from './AppLayout.js';
import { RequirePermission } from './RequirePermission.js';
import { RouteError } from './RouteError.js';

/** React.lazy for a module's named export. */
const lazyNamed = <M extends Record<string, unknown>, K extends keyof M & string>(load: () => Promise<M>, name: K) =>
  lazy(async () => ({ default: (await load())[name] as ComponentType }));

export const loadDashboardPage = () => import('../pages/DashboardPage.js');

const DashboardPage = lazyNamed(loadDashboardPage, 'DashboardPage');
const RegistryPage = lazyNamed(() => import('../pages/RegistryPage.js'), 'RegistryPage');
const IndicatorsPage = lazyNamed(() => import('../pages/IndicatorsPage.js'), 'IndicatorsPage');
const AuditPage = lazyNamed(() => import('../pages/AuditPage.js'), 'AuditPage');
const UsersPage = lazyNamed(() => import('../pages/UsersPage.js'), 'UsersPage');
const LoginPage = lazyNamed(() => import('../pages/LoginPage.js'), 'LoginPage');
const NotFoundPage = lazyNamed(() => import('../pages/NotFoundPage.js'), 'NotFoundPage');

export const createRouter = () =>
  createBrowserRouter([
    {
      path: '/login',
      errorElement: <RouteError />,
      element: (
        <Suspense fallback={<PageFallback />}>
          <LoginPage />
        </Suspense>
      ),
    },
    {
      path: '/',
      element: <AppLayout />,
      errorElement: <RouteError />,
      children: [
        { index: true, element: <DashboardPage /> },
        { path: 'registry', element: <RegistryPage /> },
        { path: 'indicators', element: <IndicatorsPage /> },
        {
          path: 'admin/audit',
          element: (
            <RequirePermission permission="audit:read">
              <AuditPage />
            </RequirePermission>
          ),
        },
        {
          path: 'admin/users',
          element: (
            <RequirePermission permission="users:manage">
              <UsersPage />
            </RequirePermission>
          ),
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
