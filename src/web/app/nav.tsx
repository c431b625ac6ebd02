import {
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  BranchesOutlined,
  DashboardOutlined,
  FlagOutlined,
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
  evaluation: '/evaluation',
  calls: '/calls',
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
  { key: 'indicators', path: ROUTES.indicators, label: 'nav.indicators', icon: <BarChartOutlined /> },
  { key: 'evaluation', path: ROUTES.evaluation, label: 'nav.evaluation', icon: <StarOutlined />, permission: 'centre:read' },
  { key: 'audit', path: ROUTES.audit, label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit:read' },
  { key: 'users', path: ROUTES.users, label: 'nav.users', icon: <TeamOutlined />, permission: 'users:manage' },
];

/** Modules on the roadmap: listed greyed out so visitors see where the platform is going. */
export const COMING_SOON: readonly Omit<NavEntry, 'path' | 'permission'>[] = [
  { key: 'enterprise-services', label: 'nav.enterpriseServices', icon: <ShopOutlined /> },
  { key: 'tech-transfer', label: 'nav.techTransfer', icon: <NodeIndexOutlined /> },
  { key: 'industry-chains', label: 'nav.industryChains', icon: <BranchesOutlined /> },
];

