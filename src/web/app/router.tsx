import { Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { lazyWithMessages } from '../i18n/lazy.js';
import { PageFallback } from '../ui/PageFallback.js';
import { AppLayout } from './AppLayout.js';
import { RequirePermission } from './RequirePermission.js';
import { RequireSignIn } from './RequireSignIn.js';
import { RouteErrorBoundary } from './RouteError.js';

export const loadDashboardPage = () => import('../pages/DashboardPage.js');

/*
 * Each page with the message namespaces it needs besides `core` (the shell's,
 * the dashboard's and the shared messages). They load together with the page.
 */
const DashboardPage = lazyWithMessages(loadDashboardPage, 'DashboardPage', []);
const RegistryPage = lazyWithMessages(() => import('../pages/RegistryPage.js'), 'RegistryPage', ['registry']);
const EntityProfilePage = lazyWithMessages(() => import('../pages/EntityProfilePage.js'), 'EntityProfilePage', ['registry']);
const ImportPage = lazyWithMessages(() => import('../pages/ImportPage.js'), 'ImportPage', ['registry', 'import']);
const CorrectionsPage = lazyWithMessages(() => import('../pages/CorrectionsPage.js'), 'CorrectionsPage', ['registry']);
const IndicatorsPage = lazyWithMessages(() => import('../pages/IndicatorsPage.js'), 'IndicatorsPage', ['indicators']);
const EvaluationPage = lazyWithMessages(() => import('../pages/EvaluationPage.js'), 'EvaluationPage', ['evaluation']);
const AuditPage = lazyWithMessages(() => import('../pages/AuditPage.js'), 'AuditPage', ['admin']);
const UsersPage = lazyWithMessages(() => import('../pages/UsersPage.js'), 'UsersPage', ['admin', 'account']);
const CallsPage = lazyWithMessages(() => import('../pages/CallsPage.js'), 'CallsPage', ['calls']);
const CallDetailPage = lazyWithMessages(() => import('../pages/CallDetailPage.js'), 'CallDetailPage', ['calls', 'registry']);
const CallEditPage = lazyWithMessages(() => import('../pages/CallEditPage.js'), 'CallEditPage', ['calls', 'registry']);
const ApplicationPage = lazyWithMessages(() => import('../pages/ApplicationPage.js'), 'ApplicationPage', ['calls', 'registry']);
const ReviewsPage = lazyWithMessages(() => import('../pages/ReviewsPage.js'), 'ReviewsPage', ['calls', 'registry']);
const InboxPage = lazyWithMessages(() => import('../pages/InboxPage.js'), 'InboxPage', ['calls']);
const LoginPage = lazyWithMessages(() => import('../pages/LoginPage.js'), 'LoginPage', []);
const NotFoundPage = lazyWithMessages(() => import('../pages/NotFoundPage.js'), 'NotFoundPage', []);

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
        <Route path="calls" element={<CallsPage />} />
        <Route
          path="calls/new"
          element={
            <RequirePermission permission="calls:manage">
              <CallEditPage />
            </RequirePermission>
          }
        />
        <Route
          path="calls/reviews"
          element={
            <RequirePermission permission="calls:review">
              <ReviewsPage />
            </RequirePermission>
          }
        />
        <Route
          path="calls/applications/:applicationId"
          element={
            <RequireSignIn>
              <ApplicationPage />
            </RequireSignIn>
          }
        />
        <Route path="calls/:callId" element={<CallDetailPage />} />
        <Route
          path="calls/:callId/edit"
          element={
            <RequirePermission permission="calls:manage">
              <CallEditPage />
            </RequirePermission>
          }
        />
        <Route
          path="inbox"
          element={
            <RequireSignIn>
              <InboxPage />
            </RequireSignIn>
          }
        />
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
