import { lazy, Suspense, type ComponentType } from 'react';
import { Route, Routes } from 'react-router';
import { PageFallback } from '../ui/PageFallback.js';
import { AppLayout } from './AppLayout.js';
import { RequirePermission } from './RequirePermission.js';
import { RouteErrorBoundary } from './RouteError.js';

/** React.lazy for a module's named export. */
const lazyNamed = <M extends Record<string, unknown>, K extends keyof M & string>(load: () => Promise<M>, name: K) =>
  lazy(async () => ({ default: (await load())[name] as ComponentType }));

export const loadDashboardPage = () => import('../pages/DashboardPage.js');

const DashboardPage = lazyNamed(loadDashboardPage, 'DashboardPage');
const RegistryPage = lazyNamed(() => import('../pages/RegistryPage.js'), 'RegistryPage');
const EntityProfilePage = lazyNamed(() => import('../pages/EntityProfilePage.js'), 'EntityProfilePage');
const ImportPage = lazyNamed(() => import('../pages/ImportPage.js'), 'ImportPage');
const CorrectionsPage = lazyNamed(() => import('../pages/CorrectionsPage.js'), 'CorrectionsPage');
const IndicatorsPage = lazyNamed(() => import('../pages/IndicatorsPage.js'), 'IndicatorsPage');
const EvaluationPage = lazyNamed(() => import('../pages/EvaluationPage.js'), 'EvaluationPage');
const AuditPage = lazyNamed(() => import('../pages/AuditPage.js'), 'AuditPage');
const UsersPage = lazyNamed(() => import('../pages/UsersPage.js'), 'UsersPage');
const LoginPage = lazyNamed(() => import('../pages/LoginPage.js'), 'LoginPage');
const NotFoundPage = lazyNamed(() => import('../pages/NotFoundPage.js'), 'NotFoundPage');

/**
 * The routes. Declarative <Routes> rather than a data router: the app loads
 * its data with React Query, and the data router would add ~20 KB gzipped to
 * the first page for loaders and actions it does not use.
 */
export const AppRoutes = () => (
  <RouteErrorBoundary>
    <Routes>
      <Route
        path="/login"
        element={
          <Suspense fallback={<PageFallback />}>
            <LoginPage />
          </Suspense>
        }
      />
      <Route element={<AppLayout />}>
        <Route index element={<DashboardPage />} />
        <Route path="registry" element={<RegistryPage />} />
        <Route
          path="registry/corrections"
          element={
            <RequirePermission permission="registry:review">
              <CorrectionsPage />
            </RequirePermission>
          }
        />
        <Route
          path="registry/import"
          element={
            <RequirePermission permission="registry:write">
              <ImportPage />
            </RequirePermission>
          }
        />
        <Route path="registry/:entityId" element={<EntityProfilePage />} />
        <Route path="indicators" element={<IndicatorsPage />} />
        <Route
          path="evaluation"
          element={
            <RequirePermission permission="centre:read">
              <EvaluationPage />
            </RequirePermission>
          }
        />
        <Route
          path="admin/audit"
          element={
            <RequirePermission permission="audit:read">
              <AuditPage />
            </RequirePermission>
          }
        />
        <Route
          path="admin/users"
          element={
            <RequirePermission permission="users:manage">
              <UsersPage />
            </RequirePermission>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  </RouteErrorBoundary>
);
