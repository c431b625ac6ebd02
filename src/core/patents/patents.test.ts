import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonicalPatentNumber, patentCheckCharacter } from '../contracts/contract.js';
import { PATENT_KINDS, PATENT_STAT_DIMENSIONS, PATENT_STATUSES } from '../../shared/patents-vocabulary.js';
import { checkPatentRow, nameKey, parseDate, splitNames, type PatentImportField } from './import-row.js';
import { normaliseIpc, normaliseIpcPrefix, parseIpc } from './ipc.js';
import { displayPatentNumber, parsePatentNumber } from './number.js';
import { cellKeyOf, countBy, inForceAtYearEnd, perTenThousand, populationInPersons, type CountedPatent } from './statistics.js';

const withCheck = (digits: string) => `${digits}.${patentCheckCharacter(digits)}`;

describe('patent application numbers', () => {
  test('every spelling of one number gives the canonical form; the type digit gives the kind', () => {
    const n = withCheck('202310123456');
    for (const s of [n, `CN${n}`, `ZL${n}`, `cn ${n.replace('.', '')}`, `ＣＮ${n}`.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), ` CN 2023 1 0123456.${n.slice(-1)} `])
      expect(parsePatentNumber(s)).toMatchObject({ ok: true, number: n, filingYear: 2023, typeDigit: '1', kind: 'invention' });
    expect(parsePatentNumber(withCheck('202320123456'))).toMatchObject({ kind: 'utility_model' });
    expect(parsePatentNumber(withCheck('202330123456'))).toMatchObject({ kind: 'design' });
    expect(parsePatentNumber(withCheck('202380123456'))).toMatchObject({ kind: 'invention' });
    expect(parsePatentNumber(withCheck('202390123456'))).toMatchObject({ kind: 'utility_model' });
    expect(parsePatentNumber(withCheck('202350123456'))).toMatchObject({ ok: true, kind: null });
    expect(parsePatentNumber(withCheck('98112345'))).toMatchObject({ ok: true, filingYear: 1998, kind: 'invention' });
    expect(parsePatentNumber(withCheck('02212345'))).toMatchObject({ ok: true, filingYear: 2002, kind: 'utility_model' });
    expect(displayPatentNumber(n)).toBe(`CN${n}`);
  });

  test('malformed numbers and wrong check characters are told apart', () => {
    expect(parsePatentNumber('CN2023101234')).toEqual({ ok: false, problem: 'format' });
    expect(parsePatentNumber('abc')).toEqual({ ok: false, problem: 'format' });
    const digits = '202310123456';
    const wrong = String((Number(patentCheckCharacter(digits) === 'X' ? 0 : patentCheckCharacter(digits)) + 1) % 10);
    expect(parsePatentNumber(`${digits}.${wrong}`)).toMatchObject({ ok: false, problem: 'check_digit', expected: patentCheckCharacter(digits) });
  });

  test('property: a valid number round-trips and agrees with the contracts’ canonical form; any changed digit is caught', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 9 }), (digits, pos, delta) => {
        const n = withCheck(digits);
        const p = parsePatentNumber(`CN${n.replace('.', '')}`);
        expect(p).toMatchObject({ ok: true, number: n });
        expect(canonicalPatentNumber(n)).toBe(n);
        // Weighted mod 11 with weights 2–9 catches every single-digit change.
        const changed = `${digits.slice(0, pos)}${(Number(digits[pos]) + delta) % 10}${digits.slice(pos + 1)}`;
        expect(parsePatentNumber(`${changed}.${n.slice(-1)}`).ok).toBe(false);
      }),
    );
  });
});

describe('IPC symbols', () => {
  test('every common spelling normalises to the printed form', () => {
    for (const s of ['H01L 21/02', 'h01l21/02', 'H01L 021/02', 'H01L 21/02(2006.01)', 'Ｈ０１Ｌ　２１／０２', ' H01L  21 / 02 ']) expect(normaliseIpc(s)).toBe('H01L 21/02');
    expect(normaliseIpc('G06F 3/0')).toBe('G06F 3/00');
    expect(parseIpc('G06N 3/08')).toMatchObject({ section: 'G', cls: 'G06', subclass: 'G06N', mainGroup: 'G06N 3' });
    for (const bad of ['', 'I01L 21/02', 'H1L 21/02', 'H01 21/02', 'H01L', 'H01L 0/02', 'H01L 21', 'H01L 21/1234567']) expect(normaliseIpc(bad)).toBeNull();
  });

  test('prefixes at each level', () => {
    expect(['h', 'H01', 'h01l', 'H01L 21', 'H01L21/02'].map(normaliseIpcPrefix)).toEqual(['H', 'H01', 'H01L', 'H01L 21/', 'H01L 21/02']);
    expect(normaliseIpcPrefix('X9')).toBeNull();
  });

  test('property: normalising is idempotent and keeps the hierarchy', () => {
    const symbol = fc.tuple(fc.constantFrom(...'ABCDEFGH'), fc.integer({ min: 0, max: 99 }), fc.constantFrom(...'ABCDEFGHJKLMNPQ'), fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 999999 }));
    fc.assert(
      fc.property(symbol, fc.boolean(), ([s, c, sub, g, sg], spaced) => {
        const raw = `${s}${String(c).padStart(2, '0')}${sub}${spaced ? ' ' : ''}${g}/${String(sg).padStart(2, '0')}`;
        const n = normaliseIpc(raw) as string;
        expect(n).not.toBeNull();
        expect(normaliseIpc(n)).toBe(n);
        const p = parseIpc(n);
        expect(n.startsWith(p?.subclass ?? '?')).toBe(true);
        expect(p?.subclass.startsWith(p.cls)).toBe(true);
        expect(p?.cls.startsWith(p.section)).toBe(true);
      }),
    );
  });
});

const patentArb: fc.Arbitrary<CountedPatent> = fc.record({
  kind: fc.constantFrom(...PATENT_KINDS),
  legalStatus: fc.constantFrom(...PATENT_STATUSES),
  firstApplicantId: fc.option(fc.constantFrom('org-a', 'org-b', 'org-c'), { nil: null }),
  areaId: fc.option(fc.constantFrom('d1', 'd2'), { nil: null }),
  mainIpc: fc.option(fc.constantFrom('H01L 21/02', 'G06N 3/08', 'G06F 16/00', 'A61K 31/00'), { nil: null }),
  applicationDate: fc.constantFrom('2014-03-01', '2019-07-15', '2023-12-31'),
  grantDate: fc.option(fc.constantFrom('2020-01-01', '2024-05-05'), { nil: null }),
  isSample: fc.boolean(),
});

describe('counting', () => {
  test('property: every dimension partitions the total', () => {
    fc.assert(
      fc.property(fc.array(patentArb, { maxLength: 60 }), (patents) => {
        for (const d of PATENT_STAT_DIMENSIONS) {
          const cells = countBy(patents, d);
          expect(cells.reduce((s, c) => s + c.patents, 0)).toBe(patents.length);
          expect(cells.reduce((s, c) => s + c.samples, 0)).toBe(patents.filter((p) => p.isSample).length);
          expect(new Set(cells.map((c) => c.key)).size).toBe(cells.length);
          for (const c of cells) expect(c.patents).toBe(patents.filter((p) => cellKeyOf(p, d) === c.key).length);
        }
      }),
    );
  });

  test('property: the IPC levels nest — a subclass cell lies within one class cell, which lies within one section cell', () => {
    fc.assert(
      fc.property(fc.array(patentArb, { maxLength: 60 }), (patents) => {
        const classes = new Map(countBy(patents, 'ipc_class').map((c) => [c.key, c.patents]));
        const sub = countBy(patents, 'ipc_subclass');
        for (const [cls, n] of classes) expect(sub.filter((s) => s.key.slice(0, 3) === cls).reduce((a, s) => a + s.patents, 0)).toBe(n);
      }),
    );
  });

  test('in force at year end: granted by then, not ended by then, within the 20-year term', () => {
    const p = { kind: 'invention' as const, legalStatus: 'granted' as const, applicationDate: '2010-05-01', grantDate: '2013-02-01', statusDate: null };
    expect(inForceAtYearEnd(p, 2012)).toBe(false);
    expect(inForceAtYearEnd(p, 2013)).toBe(true);
    expect(inForceAtYearEnd(p, 2029)).toBe(true);
    expect(inForceAtYearEnd(p, 2030)).toBe(false);
    expect(inForceAtYearEnd({ ...p, kind: 'utility_model' }, 2014)).toBe(false);
    expect(inForceAtYearEnd({ ...p, legalStatus: 'lapsed', statusDate: '2016-03-01' }, 2015)).toBe(true);
    expect(inForceAtYearEnd({ ...p, legalStatus: 'lapsed', statusDate: '2016-03-01' }, 2016)).toBe(false);
    expect(inForceAtYearEnd({ ...p, legalStatus: 'lapsed', statusDate: null }, 2015)).toBe(false);
    expect(inForceAtYearEnd({ ...p, legalStatus: 'pending', grantDate: null }, 2015)).toBe(false);
  });

  test('per 10,000 people, from persons or 万人', () => {
    expect(perTenThousand(262_900, 10_000_000)).toBe(262.9);
    expect(perTenThousand(5, null)).toBeNull();
    expect(perTenThousand(5, 0)).toBeNull();
    expect(populationInPersons(2185.8, '万人')).toBe(21_858_000);
    expect(populationInPersons(2185.8, '10k persons')).toBe(21_858_000);
    expect(populationInPersons(21_858_000, 'persons')).toBe(21_858_000);
  });
});

describe('import rows', () => {
  const n = withCheck('202310123456');
  const row = (over: Partial<Record<PatentImportField, string>> = {}) => {
    const r: Record<PatentImportField, string> = { number: n, kind: '发明', title: '一种示例方法', ipc: 'H01L21/02；G06N 3/08', mainIpc: '', applicants: '示例大学；示例公司', inventors: '张三、李四', applicationDate: '2023-03-01', publicationDate: '2023/9/1', grantDate: '20240105', legalStatus: '授权', statusDate: '', ...over };
    return (f: PatentImportField) => r[f];
  };
  const codes = (over: Partial<Record<PatentImportField, string>>) => checkPatentRow(row(over), '2026-01-01').issues.map((i) => `${i.field}:${i.code}`);

  test('a good row gives the typed record', () => {
    expect(checkPatentRow(row(), '2026-01-01')).toEqual({
      issues: [],
      record: { number: n, kind: 'invention', title: '一种示例方法', ipcClasses: ['H01L 21/02', 'G06N 3/08'], mainIpc: 'H01L 21/02', applicants: ['示例大学', '示例公司'], inventors: ['张三', '李四'], applicationDate: '2023-03-01', publicationDate: '2023-09-01', grantDate: '2024-01-05', legalStatus: 'granted', statusDate: null },
    });
    expect(checkPatentRow(row({ kind: '', mainIpc: 'G06N 3/08' }), '2026-01-01').record).toMatchObject({ kind: 'invention', mainIpc: 'G06N 3/08' });
  });

  test('each problem at its column', () => {
    expect(codes({ number: '2023101234' })).toEqual(['number:patent_number_format']);
    expect(codes({ number: `202310123456.${(Number(n.slice(-1).replace('X', '9')) + 1) % 10}` })).toEqual(['number:patent_number_check']);
    expect(codes({ kind: '实用新型' })).toEqual(['kind:kind_mismatch']);
    expect(codes({ kind: '专利' })).toEqual(['kind:unknown_kind']);
    expect(codes({ ipc: 'H01L21/02; XYZ' })).toEqual(['ipc:ipc_invalid']);
    expect(codes({ applicationDate: '2022-03-01' })).toEqual(['applicationDate:filing_year_mismatch']);
    expect(codes({ grantDate: '2022-01-01' })).toEqual(['grantDate:before_application']);
    expect(codes({ grantDate: '' })).toEqual(['grantDate:grant_date_required']);
    expect(codes({ legalStatus: '审中' })).toEqual(['legalStatus:status_grant_conflict']);
    expect(codes({ legalStatus: '不知道' })).toEqual(['legalStatus:unknown_status']);
    expect(codes({ grantDate: '2027-01-01' })).toEqual(['grantDate:date_future']);
    expect(codes({ title: '', applicants: '' })).toEqual(['title:required', 'applicants:required']);
  });

  test('dates and names in the spellings spreadsheets use', () => {
    expect(['2023-1-5', '2023/01/05', '2023.1.5', '2023年1月5日', '20230105'].map(parseDate)).toEqual(Array(5).fill('2023-01-05'));
    expect(parseDate('2023-02-30')).toBeNull();
    expect(splitNames('北京示例科技有限公司；Example Co., Ltd.;北京示例科技有限公司')).toEqual(['北京示例科技有限公司', 'Example Co., Ltd.']);
    expect(nameKey(' 北京示例（集团）有限公司 ')).toBe(nameKey('北京示例(集团)有限公司'));
  });
});
