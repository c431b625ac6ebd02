/** The policies API of one centre. */
export const policiesApi = (centreId: string): string => `/api/centres/${encodeURIComponent(centreId)}`;
export const enc = encodeURIComponent;
