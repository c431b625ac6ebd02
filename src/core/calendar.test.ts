import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayIn, isTimeZone, monthIn, offsetAt, startOfDayIn, startOfYearIn, yearIn } from './calendar.js';

// Zones with whole, half and quarter-hour offsets, daylight saving in either hemisphere,
// and midnights that a change skips (São Paulo until 2019, Santiago, Havana).
const ZONES = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/Berlin', 'America/Sao_Paulo', 'America/Santiago', 'America/Havana', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Pacific/Kiritimati'];
const instants = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T23:59:59Z'), noInvalidDate: true });

describe('calendar readings in a centre time zone', () => {
  it('reads Beijing days, months and years eight hours ahead of UTC', () => {
    const t = new Date('2025-12-31T16:30:00Z');
    expect(dayIn(t, 'Asia/Shanghai')).toBe('2026-01-01');
    expect(monthIn(t, 'Asia/Shanghai')).toBe('2026-01');
    expect(yearIn(t, 'Asia/Shanghai')).toBe(2026);
    expect(dayIn(t, 'UTC')).toBe('2025-12-31');
    expect(yearIn(t, 'America/New_York')).toBe(2025);
    expect(offsetAt(t, 'Asia/Shanghai')).toBe(8 * 3_600_000);
    expect(startOfYearIn(2026, 'Asia/Shanghai').toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(startOfDayIn('2026-07-01', 'America/New_York').toISOString()).toBe('2026-07-01T04:00:00.000Z');
  });

  it('starts a day whose midnight a clock change skips at the change', () => {
    // São Paulo moved its clocks from 00:00 to 01:00 on 4 November 2018.
    const start = startOfDayIn('2018-11-04', 'America/Sao_Paulo');
    expect(start.toISOString()).toBe('2018-11-04T03:00:00.000Z');
    expect(dayIn(new Date(start.getTime() - 1), 'America/Sao_Paulo')).toBe('2018-11-03');
  });

  it('knows the zones the runtime knows, and no others', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('property: an instant lies in the day that starts at or before it and ends after it', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (t, zone) => {
        const day = dayIn(t, zone);
        const start = startOfDayIn(day, zone);
        expect(start.getTime()).toBeLessThanOrEqual(t.getTime());
        expect(dayIn(start, zone)).toBe(day);
        expect(dayIn(new Date(start.getTime() - 1), zone) < day).toBe(true);
        const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        expect(startOfDayIn(next, zone).getTime()).toBeGreaterThan(t.getTime());
      }),
      { numRuns: 400 },
    );
  });

  it('property: the year of an instant is the one whose start is the last at or before it', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (t, zone) => {
        const year = yearIn(t, zone);
        expect(startOfYearIn(year, zone).getTime()).toBeLessThanOrEqual(t.getTime());
        expect(startOfYearIn(year + 1, zone).getTime()).toBeGreaterThan(t.getTime());
        expect(monthIn(t, zone).startsWith(String(year))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
