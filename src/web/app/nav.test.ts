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

describe('key-enterprise services in the navigation', () => {
  test('the service desk stands for the services pages but not the metrics, which have their own entry', () => {
    expect(isNavEntryActive(entry('enterprise-services'), '/services')).toBe(true);
    expect(isNavEntryActive(entry('enterprise-services'), '/services/demands/abc')).toBe(true);
    expect(isNavEntryActive(entry('enterprise-services'), '/services/metrics')).toBe(false);
    expect(isNavEntryActive(entry('service-metrics'), '/services/metrics')).toBe(true);
  });
  test('officers see the desk, enterprises their demands, analysts and officers the metrics', () => {
    expect(entry('enterprise-services').permission).toBe('services:manage');
    expect(entry('my-demands').permission).toBe('services:request');
    expect(entry('service-metrics').permission).toBe('centre:read');
  });
});

describe('policies in the navigation', () => {
  test('the library is open to everyone; an enterprise’s benefits need services:request', () => {
    expect(entry('policies').permission).toBeUndefined();
    expect(entry('my-benefits').permission).toBe('services:request');
    expect(isNavEntryActive(entry('policies'), '/policies/SAMPLE-M1/edit')).toBe(true);
    expect(isNavEntryActive(entry('my-benefits'), '/my-benefits')).toBe(true);
    expect(isNavEntryActive(entry('policies'), '/my-benefits')).toBe(false);
  });
});
