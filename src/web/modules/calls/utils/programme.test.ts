import { describe, expect, test } from 'vitest';
import { ZProgrammeInput } from '../../../../shared/schemas/calls.js';
import type { Programme } from '../types.js';
import { criterionRange, fieldForIssue, initialProgrammeValues, programmeBody, programmeValues, weightShares } from './programme.js';

describe('programmeBody', () => {
  test('the form values become a valid ZProgrammeInput, each criterion with only its kind’s fields', () => {
    const v = initialProgrammeValues(2026);
    v.titleEn = '  Sample grant ';
    v.titleZh = '';
    v.settings.requiredDeclarations = [' no_duplicate_funding ', ''];
    v.settings.form.criteria = [
      { id: ' Novelty ', label: '创新性', kind: 'numeric', weight: 3, min: 0, max: 100, scale: 5, commentBelow: 60, threshold: null },
      { id: 'team', label: '团队', kind: 'rating', weight: 1, scale: 5, min: 1 },
      { id: 'ethics', label: '伦理', kind: 'pass_fail', weight: 1, scale: 5 },
    ];
    const body = programmeBody(v);
    expect(body).toMatchObject({ kind: 'unveil_list', titleEn: 'Sample grant', titleZh: null, year: 2026, description: null, isSample: false });
    const settings = body['settings'] as { requiredDeclarations: string[]; form: { criteria: Record<string, unknown>[] } };
    expect(settings.requiredDeclarations).toEqual(['no_duplicate_funding']);
    expect(settings.form.criteria[0]).toEqual({ id: 'novelty', label: '创新性', kind: 'numeric', weight: 3, commentBelow: 60, threshold: null, min: 0, max: 100 });
    expect(settings.form.criteria[1]).not.toHaveProperty('min');
    expect(settings.form.criteria[2]).not.toHaveProperty('scale');
    const parsed = ZProgrammeInput.parse(body);
    expect(parsed.settings.minReviewers).toBe(3);
    expect(parsed.settings.appealDays).toBe(10);
  });

  test('blank review numbers are left out for the server defaults', () => {
    const v = initialProgrammeValues(2026);
    v.titleEn = 'x';
    v.settings.appealDays = null;
    v.settings.form.criteria = [{ id: 'a', label: 'A', kind: 'rating', weight: 1, scale: 5 }];
    const body = programmeBody(v);
    expect(body['settings']).not.toHaveProperty('appealDays');
    expect(ZProgrammeInput.parse(body).settings.appealDays).toBe(10);
  });
});

describe('fieldForIssue', () => {
  const registered = [['titleEn'], ['settings', 'appealDays'], ['settings', 'form', 'criteria', 0, 'label'], ['settings', 'form', 'criteria', 1, 'max']];
  test('an issue lands on the longest registered prefix of its path, list indices as numbers', () => {
    expect(fieldForIssue('titleEn', registered)).toEqual(['titleEn']);
    expect(fieldForIssue('settings.form.criteria.0.label', registered)).toEqual(['settings', 'form', 'criteria', 0, 'label']);
    expect(fieldForIssue('settings.form.criteria.1.max.extra', registered)).toEqual(['settings', 'form', 'criteria', 1, 'max']);
  });
  test('an issue on no field (the list itself, an unknown field) is left for the form-level message', () => {
    expect(fieldForIssue('settings.form.criteria', registered)).toBeNull();
    expect(fieldForIssue('settings.form.criteria.0.kind', registered)).toBeNull();
    expect(fieldForIssue('', registered)).toBeNull();
  });
});

describe('scoring form summaries', () => {
  const form: Programme['settings']['form'] = {
    aggregation: 'mean',
    overallThreshold: null,
    criteria: [
      { id: 'a', label: 'A', kind: 'numeric', min: 0, max: 100, weight: 2, commentBelow: null, threshold: null },
      { id: 'b', label: 'B', kind: 'rating', scale: 5, weight: 1, commentBelow: 2, threshold: null },
      { id: 'c', label: 'C', kind: 'pass_fail', weight: 3, commentBelow: null, threshold: null },
    ],
  };
  test('ranges by kind', () => {
    expect(form.criteria.map(criterionRange)).toEqual(['0–100', '1–5', null]);
  });
  test('weight shares add up to 100 per cent', () => {
    expect(weightShares(form)).toEqual({ a: 33.3, b: 16.7, c: 50 });
  });
});

describe('programmeValues', () => {
  test('a saved programme fills the form so that saving it unchanged sends the same body back', () => {
    const start = initialProgrammeValues(2026);
    const body = ZProgrammeInput.parse(programmeBody({ ...start, titleEn: 'Sample', settings: { ...start.settings, form: { aggregation: 'median', overallThreshold: 60, criteria: [{ id: 'tech', label: 'Technical', kind: 'numeric', weight: 100, min: 0, max: 10, commentBelow: 4, threshold: null }] } } }));
    const saved = { ...body, id: 'p1', centreId: 'c', createdAt: '2026-01-01T00:00:00.000Z' } as unknown as Programme;
    expect(ZProgrammeInput.parse(programmeBody(programmeValues(saved)))).toEqual(body);
  });
});
