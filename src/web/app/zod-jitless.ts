import { z } from 'zod';

/**
 * The page runs under `script-src 'self'` (no eval). Zod would otherwise probe `new Function`
 * on first use, and the browser reports the blocked probe as a CSP violation even though Zod
 * catches it. Imported first by main.tsx, before any schema is used.
 */
z.config({ jitless: true });
