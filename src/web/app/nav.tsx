import {
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
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
  indicators: '/indicators',
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
};

export const NAV_ENTRIES: readonly NavEntry[] = [
  { key: 'dashboard', path: ROUTES.dashboard, label: 'nav.dashboard', icon: <DashboardOutlined /> },
  { key: 'registry', path: ROUTES.registry, label: 'nav.registry', icon: <AppstoreOutlined /> },
  { key: 'indicators', path: ROUTES.indicators, label: 'nav.indicators', icon: <BarChartOutlined /> },
  { key: 'audit', path: ROUTES.audit, label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit:read' },
  { key: 'users', path: ROUTES.users, label: 'nav.users', icon: <TeamOutlined />, permission: 'users:manage' },
];

/** Modules on the roadmap: listed greyed out so visitors see where the platform is going. */
export const COMING_SOON: readonly Omit<NavEntry, 'path' | 'permission'>[] = [
  { key: 'open-calls', label: 'nav.openCalls', icon: <FlagOutlined /> },
  { key: 'enterprise-services', label: 'nav.enterpriseServices', icon: <ShopOutlined /> },
  { key: 'tech-transfer', label: 'nav.techTransfer', icon: <NodeIndexOutlined /> },
  { key: 'industry-chains', label: 'nav.industryChains', icon: <BranchesOutlined /> },
  { key: 'evaluation', label: 'nav.evaluation', icon: <StarOutlined /> },
];

