export const CALL_ROUTES = {
  list: '/calls',
  create: '/calls/new',
  reviews: '/calls/reviews',
  admin: '/calls/admin',
  inbox: '/inbox',
} as const;
export const callPath = (id: string): string => `/calls/${encodeURIComponent(id)}`;
export const callEditPath = (id: string): string => `/calls/${encodeURIComponent(id)}/edit`;
export const applicationPath = (id: string): string => `/calls/applications/${encodeURIComponent(id)}`;
