import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkFile, contentDisposition, isUtf8Text, safeFileName } from './file-type.js';

const bytes = (...b: number[]) => new Uint8Array(b);
/** UTF-8 bytes of a string, without TextEncoder (core's tests see no DOM or Node globals). */
const text = (s: string) => Uint8Array.from((encodeURIComponent(s).match(/%[0-9A-F]{2}|[^%]/g) ?? []).map((t) => (t.length === 3 ? parseInt(t.slice(1), 16) : t.charCodeAt(0))));

describe('safeFileName', () => {
  test('keeps the last path segment and drops what a file system or header could misread', () => {
    expect(safeFileName('../../etc/passwd.txt')).toBe('passwd.txt');
    expect(safeFileName('C:\\Users\\x\\测试报告.pdf')).toBe('测试报告.pdf');
    expect(safeFileName('..hidden.pdf')).toBe('hidden.pdf');
    expect(safeFileName('a\u0000b\r\n"c".pdf')).toBe('abc.pdf');
    expect(safeFileName('noextension')).toBeNull();
    expect(safeFileName('../')).toBeNull();
    expect([...(safeFileName(`${'长'.repeat(300)}.pdf`) as string)]).toHaveLength(120);
  });

  test('never returns a separator, a control character or a leading dot', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (name) => {
        const out = safeFileName(name);
        if (out === null) return;
        expect(out).not.toMatch(/[\\/\u0000-\u001f\u007f]/);
        expect(out.startsWith('.')).toBe(false);
        expect([...out].length).toBeLessThanOrEqual(120);
      }),
    );
  });
});

describe('checkFile', () => {
  test('accepts allowed types whose bytes match their extension', () => {
    expect(checkFile('report.pdf', text('%PDF-1.7\n…'))).toMatchObject({ ok: true, kind: { contentType: 'application/pdf' } });
    expect(checkFile('photo.PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toMatchObject({ ok: true, kind: { ext: 'png' } });
    expect(checkFile('notes.txt', text('里程碑说明'))).toMatchObject({ ok: true });
    expect(checkFile('plan.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...text('....[Content_Types].xml')]))).toMatchObject({ ok: true });
  });

  test('refuses other types, mismatched bytes, binary text and empty files', () => {
    expect(checkFile('run.exe', bytes(0x4d, 0x5a))).toEqual({ ok: false, reason: 'type_not_allowed' });
    expect(checkFile('page.html', text('<script>'))).toEqual({ ok: false, reason: 'type_not_allowed' });
    expect(checkFile('fake.pdf', text('<html>'))).toEqual({ ok: false, reason: 'content_mismatch' });
    expect(checkFile('fake.png', text('%PDF-'))).toEqual({ ok: false, reason: 'content_mismatch' });
    expect(checkFile('bin.txt', bytes(0x41, 0, 0x42))).toEqual({ ok: false, reason: 'content_mismatch' });
    expect(checkFile('zip.docx', bytes(0x50, 0x4b, 0x03, 0x04, 1, 2))).toEqual({ ok: false, reason: 'content_mismatch' });
    expect(checkFile('empty.pdf', bytes())).toEqual({ ok: false, reason: 'empty' });
  });
});

describe('isUtf8Text', () => {
  test('accepts every encoded string and refuses broken sequences', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 50 }), (s) => {
        expect(isUtf8Text(text(s.replace(/\u0000/g, '')))).toBe(true);
      }),
    );
    expect(isUtf8Text(bytes(0xe4, 0xb8))).toBe(false); // cut short
    expect(isUtf8Text(bytes(0xc0, 0xaf))).toBe(false); // overlong
    expect(isUtf8Text(bytes(0xed, 0xa0, 0x80))).toBe(false); // surrogate
    expect(isUtf8Text(bytes(0xff))).toBe(false);
  });
});

describe('contentDisposition', () => {
  test('an ASCII fallback and the UTF-8 name, with nothing that can break the header', () => {
    expect(contentDisposition('验收报告 "v2".pdf')).toBe(`attachment; filename="____ _v2_.pdf"; filename*=UTF-8''${encodeURIComponent('验收报告 "v2".pdf')}`);
    fc.assert(
      fc.property(fc.string(), (name) => {
        expect(contentDisposition(name)).not.toMatch(/[\r\n]/);
      }),
    );
  });
});
