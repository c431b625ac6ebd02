import {
  AimOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  BranchesOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  SafetyCertificateOutlined,
  FlagOutlined,
  GiftOutlined,
  FundOutlined,
  MessageOutlined,
  NodeIndexOutlined,
  ShopOutlined,
  StarOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '../../shared/access.js';
import type { MessageKey } from '../i18n/keys.js';

export const ROUTES = {
  dashboard: '/',
  registry: '/registry',
  corrections: '/registry/corrections',
  registryImport: '/registry/import',
  indicators: '/indicators',
  targets: '/targets',
  evaluation: '/evaluation',
  calls: '/calls',
  contracts: '/contracts',
  contractRegistry: '/contracts/registry',
  patents: '/patents',
  scenarios: '/scenarios',
  chains: '/chains',
  achievements: '/achievements',
  services: '/services',
  myDemands: '/services/demands',
  policies: '/policies',
  myBenefits: '/my-benefits',
  serviceMetrics: '/services/metrics',
  inbox: '/inbox',
  audit: '/admin/audit',
  users: '/admin/users',
  login: '/login',
} as const;

export type NavEntry = {
  key: string;
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** Shown only to users holding this permission. */
  permission?: Permission;
  /** Paths below `path` that another entry stands for (not highlighted as this one). */
  activeExcept?: readonly string[];
};

/** True when the entry stands for the page at `pathname`: its path or one below it. */
export const isNavEntryActive = (entry: Pick<NavEntry, 'path' | 'activeExcept'>, pathname: string): boolean => {
  if (entry.path === '/') return pathname === '/';
  const under = (path: string) => pathname === path || pathname.startsWith(`${path}/`);
  return under(entry.path) && !(entry.activeExcept ?? []).some(under);
};

export const NAV_ENTRIES: readonly NavEntry[] = [
  { key: 'dashboard', path: ROUTES.dashboard, label: 'nav.dashboard', icon: <DashboardOutlined /> },
  { key: 'registry', path: ROUTES.registry, label: 'nav.registry', icon: <AppstoreOutlined />, activeExcept: [ROUTES.corrections] },
  { key: 'corrections', path: ROUTES.corrections, label: 'nav.corrections', icon: <CheckSquareOutlined />, permission: 'registry:review' },
  { key: 'open-calls', path: ROUTES.calls, label: 'nav.openCalls', icon: <FlagOutlined /> },
  // 技术合同 (issue 7): statistics for everyone; registration, review and import on its tabs.
  { key: 'tech-contracts', path: ROUTES.contracts, label: 'nav.techContracts', icon: <FileDoneOutlined /> },
  // 专利 (issue 7): public records and counts; pools and the import on its tabs.
  { key: 'patents', path: ROUTES.patents, label: 'nav.patents', icon: <SafetyCertificateOutlined /> },
  // 应用场景 (issue 7): batches of scenarios for everyone; officers open and publish batches there.
  { key: 'scenarios', path: ROUTES.scenarios, label: 'nav.scenarios', icon: <EnvironmentOutlined /> },
  // 产业链 (issue 8): chain maps for everyone; building them and entering supply for chains:manage.
  { key: 'industry-chains', path: ROUTES.chains, label: 'nav.industryChains', icon: <BranchesOutlined /> },
  // 成果转化 (issue 7): the achievements marketplace for everyone; needs and recording on its tabs.
  { key: 'tech-transfer', path: ROUTES.achievements, label: 'nav.techTransfer', icon: <NodeIndexOutlined /> },
  // 企业服务: the service desk for officers (its own tabs lead to the ledger, packages, departments, metrics) …
  { key: 'enterprise-services', path: ROUTES.services, label: 'nav.enterpriseServices', icon: <ShopOutlined />, permission: 'services:manage', activeExcept: [ROUTES.serviceMetrics] },
  // … an enterprise's own demands and package …
  { key: 'my-demands', path: ROUTES.myDemands, label: 'nav.myDemands', icon: <MessageOutlined />, permission: 'services:request' },
  // 政策 (issue 6): an enterprise's matched benefits, and the policy library everyone may read.
  { key: 'my-benefits', path: ROUTES.myBenefits, label: 'nav.myBenefits', icon: <GiftOutlined />, permission: 'services:request' },
  { key: 'policies', path: ROUTES.policies, label: 'nav.policies', icon: <FileProtectOutlined /> },
  // … and the service metrics for analysts and officers.
  { key: 'service-metrics', path: ROUTES.serviceMetrics, label: 'nav.serviceMetrics', icon: <FundOutlined />, permission: 'centre:read' },
  { key: 'indicators', path: ROUTES.indicators, label: 'nav.indicators', icon: <BarChartOutlined /> },
  { key: 'targets', path: ROUTES.targets, label: 'nav.targets', icon: <AimOutlined /> },
  { key: 'evaluation', path: ROUTES.evaluation, label: 'nav.evaluation', icon: <StarOutlined />, permission: 'centre:read' },
  { key: 'audit', path: ROUTES.audit, label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit:read' },
  { key: 'users', path: ROUTES.users, label: 'nav.users', icon: <TeamOutlined />, permission: 'users:manage' },
];

/** Modules on the roadmap: listed greyed out so visitors see where the platform is going. */
export const COMING_SOON: readonly Omit<NavEntry, 'path' | 'permission'>[] = [
];

