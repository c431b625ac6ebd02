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
  rdCentres: '/rd-centres',
  talent: '/talent',
  grants: '/grants',
  chains: '/chains',
  incubators: '/incubators',
  events: '/events',
  finance: '/finance',
  cooperation: '/cooperation',
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

export type NavGroup = {
  /** The group's heading; none for the first group. */
  label?: MessageKey;
  entries: readonly NavEntry[];
};

/** True when the entry stands for the page at `pathname`: its path or one below it. */
export const isNavEntryActive = (entry: Pick<NavEntry, 'path' | 'activeExcept'>, pathname: string): boolean => {
  if (entry.path === '/') return pathname === '/';
  const under = (path: string) => pathname === path || pathname.startsWith(`${path}/`);
  return under(entry.path) && !(entry.activeExcept ?? []).some(under);
};

/**
 * The module list in groups, so a long list still reads: a group without a
 * heading comes first; a group a user holds nothing of is not shown.
 */
export const NAV_GROUPS: readonly NavGroup[] = [
  {
    entries: [
      { key: 'dashboard', path: ROUTES.dashboard, label: 'nav.dashboard', icon: <DashboardOutlined /> },
      { key: 'registry', path: ROUTES.registry, label: 'nav.registry', icon: <AppstoreOutlined />, activeExcept: [ROUTES.corrections] },
      { key: 'corrections', path: ROUTES.corrections, label: 'nav.corrections', icon: <CheckSquareOutlined />, permission: 'registry:review' },
    ],
  },
  {
    label: 'nav.group.programmes',
    entries: [
      { key: 'open-calls', path: ROUTES.calls, label: 'nav.openCalls', icon: <FlagOutlined /> },
      { key: 'scenarios', path: ROUTES.scenarios, label: 'nav.scenarios', icon: <EnvironmentOutlined /> },
      { key: 'grants', path: ROUTES.grants, label: 'nav.grants', icon: <FundOutlined /> },
      { key: 'talent', path: ROUTES.talent, label: 'nav.talent', icon: <TeamOutlined /> },
      { key: 'rd-centres', path: ROUTES.rdCentres, label: 'nav.rdCentres', icon: <StarOutlined /> },
    ],
  },
  {
    label: 'nav.group.transfer',
    entries: [
      { key: 'tech-transfer', path: ROUTES.achievements, label: 'nav.techTransfer', icon: <NodeIndexOutlined /> },
      { key: 'tech-contracts', path: ROUTES.contracts, label: 'nav.techContracts', icon: <FileDoneOutlined /> },
      { key: 'patents', path: ROUTES.patents, label: 'nav.patents', icon: <SafetyCertificateOutlined /> },
      { key: 'industry-chains', path: ROUTES.chains, label: 'nav.industryChains', icon: <BranchesOutlined /> },
    ],
  },
  {
    label: 'nav.group.ecosystem',
    entries: [
      { key: 'incubators', path: ROUTES.incubators, label: 'nav.incubators', icon: <ShopOutlined /> },
      { key: 'events', path: ROUTES.events, label: 'nav.events', icon: <StarOutlined /> },
      { key: 'finance', path: ROUTES.finance, label: 'nav.finance', icon: <FundOutlined />, permission: 'centre:read' },
      { key: 'cooperation', path: ROUTES.cooperation, label: 'nav.cooperation', icon: <NodeIndexOutlined />, permission: 'centre:read' },
    ],
  },
  {
    label: 'nav.group.services',
    entries: [
      { key: 'enterprise-services', path: ROUTES.services, label: 'nav.enterpriseServices', icon: <ShopOutlined />, permission: 'services:manage', activeExcept: [ROUTES.serviceMetrics] },
      { key: 'my-demands', path: ROUTES.myDemands, label: 'nav.myDemands', icon: <MessageOutlined />, permission: 'services:request' },
      { key: 'my-benefits', path: ROUTES.myBenefits, label: 'nav.myBenefits', icon: <GiftOutlined />, permission: 'services:request' },
      { key: 'policies', path: ROUTES.policies, label: 'nav.policies', icon: <FileProtectOutlined /> },
      { key: 'service-metrics', path: ROUTES.serviceMetrics, label: 'nav.serviceMetrics', icon: <FundOutlined />, permission: 'centre:read' },
    ],
  },
  {
    label: 'nav.group.measures',
    entries: [
      { key: 'indicators', path: ROUTES.indicators, label: 'nav.indicators', icon: <BarChartOutlined /> },
      { key: 'targets', path: ROUTES.targets, label: 'nav.targets', icon: <AimOutlined /> },
      { key: 'evaluation', path: ROUTES.evaluation, label: 'nav.evaluation', icon: <StarOutlined />, permission: 'centre:read' },
    ],
  },
  {
    label: 'nav.group.admin',
    entries: [
      { key: 'audit', path: ROUTES.audit, label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit:read' },
      { key: 'users', path: ROUTES.users, label: 'nav.users', icon: <TeamOutlined />, permission: 'users:manage' },
    ],
  },
];

export const NAV_ENTRIES: readonly NavEntry[] = NAV_GROUPS.flatMap((g) => g.entries);

/** Modules on the roadmap: listed greyed out so visitors see where the platform is going. */
export const COMING_SOON: readonly Omit<NavEntry, 'path' | 'permission'>[] = [
];

