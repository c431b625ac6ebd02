import { lazy, type ComponentType } from 'react';
import { loadNamespaces } from './bundles.js';
import type { LazyNamespace } from './keys.js';

/**
 * React.lazy for a module's named export that needs message namespaces: the
 * code and the messages (in the language on screen) load together, and the
 * component renders only once both are in, so no raw key ever flashes. Use it
 * for every lazy page and for lazy dialogs that bring a namespace of their own;
 * `scripts/i18n-check.js` reads the namespaces listed here and fails when the
 * code behind it uses a key from any other (`core` is always loaded).
 *
 *   const ImportPage = lazyWithMessages(() => import('../pages/ImportPage.js'), 'ImportPage', ['registry', 'import']);
 */
export const lazyWithMessages = <K extends string, P extends object>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
  namespaces: readonly LazyNamespace[],
) =>
  lazy<ComponentType<P>>(async () => {
    const [module] = await Promise.all([load(), loadNamespaces(namespaces)]);
    return { default: module[name] };
  });
