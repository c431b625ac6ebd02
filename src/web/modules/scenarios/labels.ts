import type { MessageKey } from '../../i18n/keys.js';
import type { Translator } from '../../i18n/translate.js';

const known = (t: Translator, key: string, fallback: string): string => (t.has(key) ? t(key as MessageKey) : fallback);

export const ownerKindLabel = (t: Translator, k: string) => known(t, `scenarios.ownerKind.${k}`, k);
export const sandboxLabel = (t: Translator, k: string) => known(t, `scenarios.sandbox.${k}`, k);
export const deploymentStateLabel = (t: Translator, k: string) => known(t, `scenarios.deploymentState.${k}`, k);
