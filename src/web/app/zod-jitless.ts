// The browser build resolves every `import … from 'zod'` here (vite.config.ts `resolve.alias`),
// so this runs before any schema is built, in the lazy chunk that carries Zod, not in the first page.
import { config } from 'zod/v4/core';

/**
 * The page runs under `script-src 'self'` (no eval). Zod would otherwise probe `new Function`
 * on first use, and the browser reports the blocked probe as a CSP violation even though Zod
 * catches it.
 */
config({ jitless: true });

export * from 'zod/v4';
