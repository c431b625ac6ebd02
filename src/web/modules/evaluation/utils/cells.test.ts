import { describe, expect, test } from 'vitest';
import { cellMarks, formatCell, markedCodes } from './cells.js';

describe('step dataset cells', () => {
  test('precision follows the size of the number', () => {
    expect(formatCell(83871, 'en-US')).toBe('83,871');
    expect(formatCell(8735.453, 'zh-CN')).toBe('8,735');
    expect(formatCell(4.097985, 'en-US')).toBe('4.1');
    expect(formatCell(35.36972983, 'en-US')).toBe('35.37');
    expect(formatCell(0.000123456, 'en-US')).toBe('0.000123');
    expect(formatCell(-0.5, 'en-US')).toBe('-0.5');
    expect(formatCell(0, 'en-US')).toBe('0');
    expect(formatCell(null, 'en-US')).toBe('—');
  });
  test('marks by unit and code; the columns that have any', () => {
    const step = { codes: ['a', 'b', 'c'], filled: [['U1', 'c']] as [string, string][], treated: [['U2', 'a']] as [string, string][] };
    const marks = cellMarks(step);
    expect(marks.get('U1\u0000c')).toBe('filled');
    expect(marks.get('U2\u0000a')).toBe('treated');
    expect(marks.get('U1\u0000a')).toBeUndefined();
    expect(markedCodes(step)).toEqual(['a', 'c']);
  });
});
