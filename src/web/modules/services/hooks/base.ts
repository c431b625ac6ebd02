/** The services API of one centre. */
export const servicesApi = (centreId: string): string => `/api/centres/${encodeURIComponent(centreId)}`;
export const enc = encodeURIComponent;
