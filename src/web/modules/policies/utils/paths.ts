/** Where the policy pages live. */
export const POLICY_ROUTES = { library: '/policies', myBenefits: '/my-benefits' } as const;
export const policyPath = (code: string): string => `/policies/${encodeURIComponent(code)}`;
export const policyEditPath = (code: string): string => `/policies/${encodeURIComponent(code)}/edit`;
/** An enterprise's benefits: its own members need no parameter; officers name the enterprise. */
export const benefitsPath = (enterpriseId?: string | null): string => (enterpriseId ? `${POLICY_ROUTES.myBenefits}?enterprise=${encodeURIComponent(enterpriseId)}` : POLICY_ROUTES.myBenefits);
