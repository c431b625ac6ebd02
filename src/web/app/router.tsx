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
const EntityProfilePage = lazyWithMessages(() => import('../pages/EntityProfilePage.js'), 'EntityProfilePage', ['registry', 'scenarios']);
const ImportPage = lazyWithMessages(() => import('../pages/ImportPage.js'), 'ImportPage', ['registry', 'import']);
const CorrectionsPage = lazyWithMessages(() => import('../pages/CorrectionsPage.js'), 'CorrectionsPage', ['registry']);
const IndicatorsPage = lazyWithMessages(() => import('../pages/IndicatorsPage.js'), 'IndicatorsPage', ['indicators']);
const IndicatorPage = lazyWithMessages(() => import('../pages/IndicatorPage.js'), 'IndicatorPage', ['indicators', 'registry']);
const IndicatorImportPage = lazyWithMessages(() => import('../pages/IndicatorImportPage.js'), 'IndicatorImportPage', ['indicators']);
const TargetsPage = lazyWithMessages(() => import('../pages/TargetsPage.js'), 'TargetsPage', ['indicators', 'registry']);
const EvaluationPage = lazyWithMessages(() => import('../pages/EvaluationPage.js'), 'EvaluationPage', ['evaluation']);
const FrameworkPage = lazyWithMessages(() => import('../pages/FrameworkPage.js'), 'FrameworkPage', ['evaluation']);
const RunPage = lazyWithMessages(() => import('../pages/RunPage.js'), 'RunPage', ['evaluation']);
const RunReportPage = lazyWithMessages(() => import('../pages/RunReportPage.js'), 'RunReportPage', ['evaluation']);
const AuditPage = lazyWithMessages(() => import('../pages/AuditPage.js'), 'AuditPage', ['admin']);
const UsersPage = lazyWithMessages(() => import('../pages/UsersPage.js'), 'UsersPage', ['admin', 'account']);
const CallsPage = lazyWithMessages(() => import('../pages/CallsPage.js'), 'CallsPage', ['calls']);
const CallDetailPage = lazyWithMessages(() => import('../pages/CallDetailPage.js'), 'CallDetailPage', ['calls', 'registry', 'scenarios']);
const CallEditPage = lazyWithMessages(() => import('../pages/CallEditPage.js'), 'CallEditPage', ['calls', 'registry']);
const ApplicationPage = lazyWithMessages(() => import('../pages/ApplicationPage.js'), 'ApplicationPage', ['calls', 'registry']);
const TaskAgreementPage = lazyWithMessages(() => import('../pages/TaskAgreementPage.js'), 'TaskAgreementPage', ['calls']);
const CallsAdminPage = lazyWithMessages(() => import('../pages/CallsAdminPage.js'), 'CallsAdminPage', ['calls', 'registry']);
const ReviewsPage = lazyWithMessages(() => import('../pages/ReviewsPage.js'), 'ReviewsPage', ['calls', 'registry']);
const InboxPage = lazyWithMessages(() => import('../pages/InboxPage.js'), 'InboxPage', ['calls', 'services']);
const ServiceDeskPage = lazyWithMessages(() => import('../pages/ServiceDeskPage.js'), 'ServiceDeskPage', ['services']);
const ServiceVisitPage = lazyWithMessages(() => import('../pages/ServiceVisitPage.js'), 'ServiceVisitPage', ['services', 'registry']);
const DemandLedgerPage = lazyWithMessages(() => import('../pages/DemandLedgerPage.js'), 'DemandLedgerPage', ['services', 'registry']);
const DemandPage = lazyWithMessages(() => import('../pages/DemandPage.js'), 'DemandPage', ['services']);
const ServicePackagesPage = lazyWithMessages(() => import('../pages/ServicePackagesPage.js'), 'ServicePackagesPage', ['services', 'registry']);
const ServicePackagePage = lazyWithMessages(() => import('../pages/ServicePackagePage.js'), 'ServicePackagePage', ['services', 'registry']);
const ServiceDepartmentsPage = lazyWithMessages(() => import('../pages/ServiceDepartmentsPage.js'), 'ServiceDepartmentsPage', ['services']);
const ServiceMetricsPage = lazyWithMessages(() => import('../pages/ServiceMetricsPage.js'), 'ServiceMetricsPage', ['services']);
const EnterpriseServicePage = lazyWithMessages(() => import('../pages/EnterpriseServicePage.js'), 'EnterpriseServicePage', ['services', 'registry', 'calls', 'policies']);
const ContractStatisticsPage = lazyWithMessages(() => import('../pages/ContractStatisticsPage.js'), 'ContractStatisticsPage', ['contracts', 'indicators']);
const ContractsPage = lazyWithMessages(() => import('../pages/ContractsPage.js'), 'ContractsPage', ['contracts']);
const ContractPage = lazyWithMessages(() => import('../pages/ContractPage.js'), 'ContractPage', ['contracts', 'registry']);
const ContractNewPage = lazyWithMessages(() => import('../pages/ContractNewPage.js'), 'ContractNewPage', ['contracts', 'registry']);
const ContractImportPage = lazyWithMessages(() => import('../pages/ContractImportPage.js'), 'ContractImportPage', ['contracts']);
const ChainsPage = lazyWithMessages(() => import('../pages/ChainsPage.js'), 'ChainsPage', ['chains']);
const ChainMapPage = lazyWithMessages(() => import('../pages/ChainMapPage.js'), 'ChainMapPage', ['chains', 'registry']);
const IncubatorsPage = lazyWithMessages(() => import('../pages/IncubatorsPage.js'), 'IncubatorsPage', ['incubators', 'registry']);
const IncubatorPage = lazyWithMessages(() => import('../pages/IncubatorPage.js'), 'IncubatorPage', ['incubators', 'registry']);
const EventsPage = lazyWithMessages(() => import('../pages/EventsPage.js'), 'EventsPage', ['events']);
const FinancePage = lazyWithMessages(() => import('../pages/FinancePage.js'), 'FinancePage', ['finance', 'registry']);
const CooperationPage = lazyWithMessages(() => import('../pages/CooperationPage.js'), 'CooperationPage', ['cooperation', 'registry']);
const EventPage = lazyWithMessages(() => import('../pages/EventPage.js'), 'EventPage', ['events', 'registry']);
const ScenariosPage = lazyWithMessages(() => import('../pages/ScenariosPage.js'), 'ScenariosPage', ['scenarios', 'calls', 'indicators']);
const TalentPage = lazyWithMessages(() => import('../pages/TalentPage.js'), 'TalentPage', ['talent', 'calls']);
const TalentCallPage = lazyWithMessages(() => import('../pages/TalentCallPage.js'), 'TalentCallPage', ['talent', 'calls']);
const TalentCallNewPage = lazyWithMessages(() => import('../pages/TalentCallNewPage.js'), 'TalentCallNewPage', ['talent', 'calls', 'registry']);
const TalentCredentialsPage = lazyWithMessages(() => import('../pages/TalentCredentialsPage.js'), 'TalentCredentialsPage', ['talent', 'calls', 'services']);
const GrantsPage = lazyWithMessages(() => import('../pages/GrantsPage.js'), 'GrantsPage', ['grants', 'calls', 'registry']);
const GrantProjectsPage = lazyWithMessages(() => import('../pages/GrantProjectsPage.js'), 'GrantProjectsPage', ['grants', 'calls']);
const GrantProjectPage = lazyWithMessages(() => import('../pages/GrantProjectPage.js'), 'GrantProjectPage', ['grants', 'calls', 'registry']);
const GrantsNegativeListPage = lazyWithMessages(() => import('../pages/GrantsNegativeListPage.js'), 'GrantsNegativeListPage', ['grants', 'calls']);
const RdCentresPage = lazyWithMessages(() => import('../pages/RdCentresPage.js'), 'RdCentresPage', ['rdcentres', 'calls', 'indicators', 'registry']);
const RdCentreApplyPage = lazyWithMessages(() => import('../pages/RdCentreApplyPage.js'), 'RdCentreApplyPage', ['rdcentres', 'calls', 'registry']);
const RdCentreApplicationPage = lazyWithMessages(() => import('../pages/RdCentreApplicationPage.js'), 'RdCentreApplicationPage', ['rdcentres', 'calls', 'registry']);
const ScenarioBatchPage = lazyWithMessages(() => import('../pages/ScenarioBatchPage.js'), 'ScenarioBatchPage', ['scenarios', 'calls', 'registry']);
const PatentStatisticsPage = lazyWithMessages(() => import('../pages/PatentStatisticsPage.js'), 'PatentStatisticsPage', ['patents']);
const PatentsPage = lazyWithMessages(() => import('../pages/PatentsPage.js'), 'PatentsPage', ['patents']);
const PatentPage = lazyWithMessages(() => import('../pages/PatentPage.js'), 'PatentPage', ['patents', 'registry']);
const PatentImportPage = lazyWithMessages(() => import('../pages/PatentImportPage.js'), 'PatentImportPage', ['patents']);
const PatentPoolsPage = lazyWithMessages(() => import('../pages/PatentPoolsPage.js'), 'PatentPoolsPage', ['patents', 'registry']);
const PatentPoolPage = lazyWithMessages(() => import('../pages/PatentPoolPage.js'), 'PatentPoolPage', ['patents', 'registry']);
const AchievementsPage = lazyWithMessages(() => import('../pages/AchievementsPage.js'), 'AchievementsPage', ['achievements', 'contracts']);
const AchievementPage = lazyWithMessages(() => import('../pages/AchievementPage.js'), 'AchievementPage', ['achievements', 'contracts', 'scenarios', 'patents']);
const AchievementEditPage = lazyWithMessages(() => import('../pages/AchievementEditPage.js'), 'AchievementEditPage', ['achievements', 'contracts', 'registry']);
const NeedsPage = lazyWithMessages(() => import('../pages/NeedsPage.js'), 'NeedsPage', ['achievements', 'contracts']);
const NeedPage = lazyWithMessages(() => import('../pages/NeedPage.js'), 'NeedPage', ['achievements', 'contracts']);
const NeedEditPage = lazyWithMessages(() => import('../pages/NeedEditPage.js'), 'NeedEditPage', ['achievements', 'contracts', 'registry']);
const PoliciesPage = lazyWithMessages(() => import('../pages/PoliciesPage.js'), 'PoliciesPage', ['policies']);
const PolicyPage = lazyWithMessages(() => import('../pages/PolicyPage.js'), 'PolicyPage', ['policies', 'registry']);
const PolicyEditPage = lazyWithMessages(() => import('../pages/PolicyEditPage.js'), 'PolicyEditPage', ['policies', 'registry']);
const MyBenefitsPage = lazyWithMessages(() => import('../pages/MyBenefitsPage.js'), 'MyBenefitsPage', ['policies', 'registry']);
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
        <Route
          path="indicators/import"
          element={
            <RequirePermission permission="indicators:write">
              <IndicatorImportPage />
            </RequirePermission>
          }
        />
        <Route path="indicators/:code" element={<IndicatorPage />} />
        <Route path="targets" element={<TargetsPage />} />
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
          path="calls/admin"
          element={
            <RequirePermission permission="calls:manage">
              <CallsAdminPage />
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
          path="calls/applications/:applicationId/agreement"
          element={
            <RequireSignIn>
              <TaskAgreementPage />
            </RequireSignIn>
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
          path="services"
          element={
            <RequirePermission permission="services:manage">
              <ServiceDeskPage />
            </RequirePermission>
          }
        />
        <Route
          path="services/visits/new"
          element={
            <RequirePermission permission="services:manage">
              <ServiceVisitPage />
            </RequirePermission>
          }
        />
        <Route
          path="services/demands"
          element={
            <RequireSignIn>
              <DemandLedgerPage />
            </RequireSignIn>
          }
        />
        <Route
          path="services/demands/:demandId"
          element={
            <RequireSignIn>
              <DemandPage />
            </RequireSignIn>
          }
        />
        <Route
          path="services/packages"
          element={
            <RequirePermission permission="services:manage">
              <ServicePackagesPage />
            </RequirePermission>
          }
        />
        <Route
          path="services/packages/new"
          element={
            <RequirePermission permission="services:manage">
              <ServicePackagePage />
            </RequirePermission>
          }
        />
        <Route
          path="services/packages/:packageId"
          element={
            <RequireSignIn>
              <ServicePackagePage />
            </RequireSignIn>
          }
        />
        <Route
          path="services/departments"
          element={
            <RequirePermission permission="centre:read">
              <ServiceDepartmentsPage />
            </RequirePermission>
          }
        />
        <Route
          path="services/metrics"
          element={
            <RequirePermission permission="centre:read">
              <ServiceMetricsPage />
            </RequirePermission>
          }
        />
        <Route
          path="services/enterprises/:enterpriseId"
          element={
            <RequireSignIn>
              <EnterpriseServicePage />
            </RequireSignIn>
          }
        />
        <Route path="contracts" element={<ContractStatisticsPage />} />
        <Route path="scenarios" element={<ScenariosPage />} />
        <Route path="rd-centres" element={<RdCentresPage />} />
        <Route
          path="rd-centres/rounds/:callId/apply"
          element={
            <RequirePermission permission="calls:apply">
              <RdCentreApplyPage />
            </RequirePermission>
          }
        />
        <Route
          path="rd-centres/applications/:applicationId"
          element={
            <RequireSignIn>
              <RdCentreApplicationPage />
            </RequireSignIn>
          }
        />
        <Route path="talent" element={<TalentPage />} />
        <Route
          path="talent/calls/new"
          element={
            <RequirePermission permission="calls:manage">
              <TalentCallNewPage />
            </RequirePermission>
          }
        />
        <Route path="talent/calls/:callId" element={<TalentCallPage />} />
        <Route
          path="talent/credentials"
          element={
            <RequireSignIn>
              <TalentCredentialsPage />
            </RequireSignIn>
          }
        />
        <Route path="grants" element={<GrantsPage />} />
        <Route path="grants/negative-list" element={<GrantsNegativeListPage />} />
        <Route
          path="grants/projects"
          element={
            <RequireSignIn>
              <GrantProjectsPage />
            </RequireSignIn>
          }
        />
        <Route
          path="grants/projects/:applicationId"
          element={
            <RequireSignIn>
              <GrantProjectPage />
            </RequireSignIn>
          }
        />
        <Route path="chains" element={<ChainsPage />} />
        <Route path="chains/:mapId" element={<ChainMapPage />} />
        <Route path="incubators" element={<IncubatorsPage />} />
        <Route path="incubators/:incubatorId" element={<IncubatorPage />} />
        <Route path="events" element={<EventsPage />} />
        <Route
          path="finance"
          element={
            <RequirePermission permission="centre:read">
              <FinancePage />
            </RequirePermission>
          }
        />
        <Route
          path="cooperation"
          element={
            <RequirePermission permission="centre:read">
              <CooperationPage />
            </RequirePermission>
          }
        />
        <Route path="events/:eventId" element={<EventPage />} />
        <Route
          path="scenarios/batches/:batchId"
          element={
            <RequirePermission permission="calls:manage">
              <ScenarioBatchPage />
            </RequirePermission>
          }
        />
        <Route
          path="contracts/registry"
          element={
            <RequireSignIn>
              <ContractsPage />
            </RequireSignIn>
          }
        />
        <Route
          path="contracts/registry/:contractId"
          element={
            <RequireSignIn>
              <ContractPage />
            </RequireSignIn>
          }
        />
        <Route
          path="contracts/new"
          element={
            <RequireSignIn>
              <ContractNewPage />
            </RequireSignIn>
          }
        />
        <Route
          path="contracts/import"
          element={
            <RequirePermission permission="contracts:register">
              <ContractImportPage />
            </RequirePermission>
          }
        />
        {/* 专利 (issue 7): public records and counts; the import for patents:manage. */}
        <Route path="patents" element={<PatentStatisticsPage />} />
        <Route path="patents/registry" element={<PatentsPage />} />
        <Route path="patents/registry/:patentId" element={<PatentPage />} />
        <Route path="patents/pools" element={<PatentPoolsPage />} />
        <Route path="patents/pools/:poolId" element={<PatentPoolPage />} />
        <Route
          path="patents/import"
          element={
            <RequirePermission permission="patents:manage">
              <PatentImportPage />
            </RequirePermission>
          }
        />
        <Route path="achievements" element={<AchievementsPage />} />
        <Route
          path="achievements/new"
          element={
            <RequireSignIn>
              <AchievementEditPage />
            </RequireSignIn>
          }
        />
        <Route
          path="achievements/needs"
          element={
            <RequireSignIn>
              <NeedsPage />
            </RequireSignIn>
          }
        />
        <Route
          path="achievements/needs/new"
          element={
            <RequireSignIn>
              <NeedEditPage />
            </RequireSignIn>
          }
        />
        <Route
          path="achievements/needs/:needId"
          element={
            <RequireSignIn>
              <NeedPage />
            </RequireSignIn>
          }
        />
        <Route
          path="achievements/needs/:needId/edit"
          element={
            <RequireSignIn>
              <NeedEditPage />
            </RequireSignIn>
          }
        />
        <Route path="achievements/:achievementId" element={<AchievementPage />} />
        <Route
          path="achievements/:achievementId/edit"
          element={
            <RequireSignIn>
              <AchievementEditPage />
            </RequireSignIn>
          }
        />
        <Route path="policies" element={<PoliciesPage />} />
        <Route path="policies/:code" element={<PolicyPage />} />
        <Route
          path="policies/:code/edit"
          element={
            <RequirePermission permission="policies:write">
              <PolicyEditPage />
            </RequirePermission>
          }
        />
        <Route
          path="my-benefits"
          element={
            <RequireSignIn>
              <MyBenefitsPage />
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
          path="evaluation/frameworks"
          element={
            <RequirePermission permission="centre:read">
              <FrameworkPage />
            </RequirePermission>
          }
        />
        <Route
          path="evaluation/runs/:runId"
          element={
            <RequirePermission permission="centre:read">
              <RunPage />
            </RequirePermission>
          }
        />
        <Route
          path="evaluation/runs/:runId/report"
          element={
            <RequirePermission permission="centre:read">
              <RunReportPage />
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
