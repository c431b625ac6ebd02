import { describe, expect, test } from 'vitest';
import { tEn, tZh } from '../../../test-support/fixtures.js';
import { asSimpleFraction, decimalsOf, formatObservationValue } from './format-value.js';
import { headlineObservation } from './observations.js';
import { observation, indicator } from '../../../test-support/fixtures.js';

type Qualifier = ReturnType<typeof observation>['qualifier'];
const fmt = (value: number | null, qualifier: Qualifier, unit: string | null, t = tZh, valueAsGiven: string | null = null) =>
  formatObservationValue({ value, qualifier, valueAsGiven }, unit, t);

describe('formatObservationValue', () => {
  test('formats numbers per locale with the unit', () => {
    expect(fmt(106552, 'exact', 'contracts').text).toBe('106,552 项');
    expect(fmt(106552, 'exact', 'contracts', tEn).text).toBe('106,552 contracts');
  });
  test('the units of the figures derived from the platform’s records read in both languages', () => {
    expect(fmt(3, 'exact', 'demands').text).toBe('3 件');
    expect(fmt(3, 'exact', 'demands', tEn).text).toBe('3 demands');
    expect(fmt(12, 'exact', 'patents per 10,000 people').text).toBe('12 件/万人');
    expect(fmt(4.5, 'exact', 'points (1–5)', tEn).text).toBe('4.5 points (1–5)');
    expect(fmt(1, 'exact', 'ratio').text).toBe('1倍');
    expect(fmt(1, 'exact', 'ratio', tEn).text).toBe('1×');
  });
  test('says "more than" / "超过" for a lower bound and "about" / "约" for an approximation', () => {
    expect(fmt(6, 'lower_bound', '% of GDP').text).toBe('超过 6%');
    expect(fmt(6, 'lower_bound', '% of GDP', tEn).text).toBe('more than 6%');
    expect(fmt(120, 'approximate', 'events').text).toBe('约 120 场');
    expect(fmt(120, 'approximate', 'events', tEn).text).toBe('about 120 events');
    expect(fmt(6, 'upper_bound', '% of land area', tEn).text).toBe('less than 6%');
  });
  test('converts billions of yuan to 亿元 in Chinese', () => {
    expect(fmt(853.69, 'exact', 'billion yuan (CNY)').text).toBe('8,536.9 亿元');
    expect(fmt(853.69, 'exact', 'billion yuan (CNY)', tEn).text).toBe('853.69 billion yuan');
    expect(fmt(342, 'exact', 'million yuan (CNY)').text).toBe('3.42 亿元');
  });
  test('keeps the precision the source gives', () => {
    expect(fmt(262.9, 'exact', null, tEn).text).toBe('262.9');
    expect(fmt(0.125, 'exact', null, tEn).text).toBe('1/8');
    expect(decimalsOf(853.69 * 10)).toBe(1);
    expect(decimalsOf(42)).toBe(0);
  });
  test('writes ranks as positions', () => {
    expect(fmt(2, 'exact', 'rank (global)').text).toBe('全球第 2 位');
    expect(fmt(1, 'exact', 'rank (national)', tEn).text).toBe('No. 1 nationally');
  });
  test('writes simple fractions as fractions when there is no unit rule', () => {
    expect(fmt(1 / 3, 'exact', 'share of GDP').text).toBe('1/3 share of GDP');
    expect(asSimpleFraction(0.5)).toEqual([1, 2]);
    expect(asSimpleFraction(0.4286)).toBeNull();
  });
  test('keeps an unknown unit as given', () => {
    expect(fmt(13, 'exact', 'widgets', tEn).text).toBe('13 widgets');
    expect(fmt(13, 'exact', null, tEn).text).toBe('13');
  });
  test('never invents a number for redacted or qualitative figures', () => {
    expect(fmt(null, 'redacted', 'rank')).toMatchObject({ missing: true, number: null, text: '原文未公开具体数值' });
    expect(fmt(null, 'qualitative', 'rank', tEn, 'ranks among the top cities')).toMatchObject({
      missing: true,
      text: 'ranks among the top cities',
    });
  });
  test('splits prefix, number and unit for the big-number display', () => {
    expect(fmt(93, 'lower_bound', 'enterprises', tEn)).toMatchObject({ prefix: 'more than', number: '93', unit: 'companies' });
  });
});

describe('headlineObservation', () => {
  test('leads with the most recent figure', () => {
    expect(headlineObservation(indicator())?.year).toBe(2023);
  });
  test('prefers a measured figure to a target, and a year to none', () => {
    const ind = indicator({
      observations: [
        observation({ id: 't', year: 2030, status: 'target' }),
        observation({ id: 'n', year: null }),
        observation({ id: 'm', year: 2021 }),
      ],
    });
    expect(headlineObservation(ind)?.id).toBe('m');
    expect(headlineObservation(indicator({ observations: [] }))).toBeNull();
  });
});
