import { describe, expect, test } from 'vitest';
import { isNavEntryActive, NAV_ENTRIES } from './nav.js';

const entry = (key: string) => NAV_ENTRIES.find((e) => e.key === key)!;

describe('isNavEntryActive', () => {
  test('the dashboard only on the home page', () => {
    expect(isNavEntryActive(entry('dashboard'), '/')).toBe(true);
    expect(isNavEntryActive(entry('dashboard'), '/registry')).toBe(false);
  });
  test('the registry on its search and on every profile, but not on the corrections page', () => {
    expect(isNavEntryActive(entry('registry'), '/registry')).toBe(true);
    expect(isNavEntryActive(entry('registry'), '/registry/beijing-ent-023')).toBe(true);
    expect(isNavEntryActive(entry('registry'), '/registry/import')).toBe(true);
    expect(isNavEntryActive(entry('registry'), '/registry/corrections')).toBe(false);
    expect(isNavEntryActive(entry('registry'), '/registryx')).toBe(false);
    expect(isNavEntryActive(entry('corrections'), '/registry/corrections')).toBe(true);
  });
  test('the corrections page is for reviewers only', () => {
    expect(entry('corrections').permission).toBe('registry:review');
  });
});
