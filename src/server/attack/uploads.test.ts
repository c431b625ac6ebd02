import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { safeFileName } from '../../core/files/file-type.js';
import { attachments } from '../../db/schema/index.js';
import { XLSX_TYPE } from '../tabular.http.js';
import { checkXlsxLimits, writeTable } from '../tabular.js';
import { createTestApp, type Session, type TestApp } from '../test-support/test-app.js';
import { countChanges, encodeHostile, installWriteCounter, refusalProblems, writeCounts } from './attack-fixtures.js';

/**
 * Hostile files at every upload and import endpoint: oversized, disguised,
 * badly named, and zip bombs. Each must be a quick 4xx that stores nothing.
 */
const C = '/api/centres/beijing';
let t: TestApp;
let enterprise: Session;
let officer: Session;
let analyst: Session;
let demandId: string;

/** A ZIP (stored or deflated parts) written by hand, so a test can lie in it as an attacker would. */
const zip = (parts: { name: string; data: Buffer; deflate?: boolean }[]): Buffer => {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const body = p.deflate === false ? p.data : deflateRawSync(p.data, { level: 9 });
    const name = Buffer.from(p.name);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(p.deflate === false ? 0 : 8, 8);
    head.writeUInt32LE(body.length, 18);
    head.writeUInt32LE(p.data.length, 22);
    head.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(p.deflate === false ? 0 : 8, 10);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(p.data.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(head, name, body);
    central.push(cd, name);
    offset += 30 + name.length + body.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
};

const CONTENT_TYPES = Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>');
/** An .xlsx-shaped ZIP whose one sheet inflates to `mb` MB of XML (a few hundred KB on the wire). */
const inflatingBomb = (mb: number): Buffer => {
  const filler = Buffer.alloc(mb * 1024 * 1024, 0x20);
  return zip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: 'xl/worksheets/sheet1.xml', data: filler },
  ]);
};
/** Thousands of tiny parts: a bomb by count rather than size. */
const manyEntries = (n: number): Buffer => zip(Array.from({ length: n }, (_, i) => ({ name: `xl/p${i}.xml`, data: Buffer.from('<a/>') })));

/** Built once: deflating 400 MB takes seconds. */
let built: { size: Buffer; count: Buffer } | undefined;
const bombs = () => (built ??= { size: inflatingBomb(400), count: manyEntries(5000) });

/** Every endpoint that takes a spreadsheet, with who may call it. */
const IMPORTS: { url: string; who: () => Session }[] = [
  { url: `${C}/imports/organisations?fileName=orgs.xlsx`, who: () => officer },
  { url: `${C}/tech-contracts/import?fileName=contracts.xlsx`, who: () => officer },
  { url: `${C}/patents/import?fileName=patents.xlsx`, who: () => officer },
  { url: `${C}/finance/rounds/import?fileName=rounds.xlsx`, who: () => officer },
  { url: `${C}/chain-maps/import.xlsx?fileName=chain.xlsx`, who: () => officer },
  { url: `${C}/observations/import?fileName=obs.xlsx`, who: () => analyst },
];

beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  enterprise = await t.userWithRole('enterprise_member', { organisationId: 'beijing-ent-040' });
  officer = await t.userWithRole('service_officer');
  analyst = await t.userWithRole('analyst');
  const demand = await t.request({ method: 'POST', url: `${C}/demands`, session: enterprise, payload: { type: 'financing', title: '合成：上传测试需求 (Synthetic)', description: '合成测试：用于文件上传攻击测试的需求。' } });
  expect(demand.statusCode, demand.body).toBe(201);
  demandId = demand.json().id;
  await installWriteCounter(t.database.db);
});
afterAll(() => t.close());

const upload = (url: string, session: Session, bytes: Buffer, contentType = 'application/octet-stream') =>
  t.request({ method: 'POST', url, session, payload: bytes, headers: { 'content-type': contentType } });

/** Sends, checks the refusal is a well-formed 4xx, and that nothing was written. */
const expectRefusedAndNothingStored = async (send: () => Promise<{ statusCode: number; body: string; json: <T>() => T }>, label: string): Promise<number> => {
  const before = await writeCounts(t.database.db);
  const res = await send();
  expect(res.statusCode, `${label}: ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(refusalProblems(res as never), label).toEqual([]);
  expect(countChanges(before, await writeCounts(t.database.db)), label).toEqual([]);
  return res.statusCode;
};

describe('attachments: disguised, oversized and badly named files', () => {
  const attach = (fileName: string, bytes: Buffer) => upload(`${C}/demands/${demandId}/attachments?fileName=${encodeHostile(fileName)}`, enterprise, bytes);

  test('an executable or an HTML page renamed .pdf, and an unknown type, are refused', async () => {
    await expectRefusedAndNothingStored(() => attach('report.pdf', Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(512, 1)])), 'exe as pdf');
    await expectRefusedAndNothingStored(() => attach('report.pdf', Buffer.from('<!doctype html><script>alert(1)</script>')), 'html as pdf');
    await expectRefusedAndNothingStored(() => attach('sheet.xlsx', Buffer.from('<html><body>not a workbook</body></html>')), 'html as xlsx');
    await expectRefusedAndNothingStored(() => attach('tool.exe', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)])), 'exe');
  });

  test('path traversal, absolute paths, backslashes, NUL, RTL override and very long names are refused or reduced to a safe base name', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%synthetic\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    let accepted = 0;
    for (const name of ['../../etc/passwd', '/etc/passwd', '..\\..\\windows\\system.ini', 'C:\\boot.pdf', '../../../tmp/x.pdf', 'a\u0000.pdf', 'invoice\u202efdp.exe', 'invoice\u202excod.pdf', `${'长'.repeat(400)}.pdf`, '.', '..', '.pdf']) {
      const before = await writeCounts(t.database.db);
      const res = await attach(name, pdf);
      const label = `name ${JSON.stringify(name).slice(0, 40)}`;
      expect(refusalProblems(res), label).toEqual([]);
      if (res.statusCode >= 400) expect(countChanges(before, await writeCounts(t.database.db)), label).toEqual([]);
      else accepted++;
    }
    const stored = (await t.database.db.select({ fileName: attachments.fileName }).from(attachments)).map((r) => r.fileName);
    expect(accepted).toBeGreaterThan(0);
    expect(stored.length).toBeGreaterThanOrEqual(accepted);
    for (const name of stored) {
      expect(name).not.toMatch(/[\\/\u0000-\u001f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|^\./);
      expect([...name].length).toBeLessThanOrEqual(120);
    }
  });

  test('bidirectional controls are stripped from a file name (found by this suite: an RTL override survived into stored names)', () => {
    expect(safeFileName('invoice\u202excod.pdf')).toBe('invoicexcod.pdf');
    expect(safeFileName('\u2066report\u2069.pdf')).toBe('report.pdf');
  });

  test('a file over the per-file limit is a 413 and nothing is stored', async () => {
    const status = await expectRefusedAndNothingStored(() => attach('big.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(21 * 1024 * 1024, 0x20)])), 'oversized attachment');
    expect(status).toBe(413);
  });
});

describe('imports: oversized files and zip bombs', () => {
  test('a JSON body over the 1 MB limit on an ordinary write route is a 413', async () => {
    const status = await expectRefusedAndNothingStored(
      () => t.request({ method: 'POST', url: `${C}/demands`, session: enterprise, payload: JSON.stringify({ type: 'financing', title: 'x', description: 'x'.repeat(1024 * 1024 + 10) }), headers: { 'content-type': 'application/json' } }),
      'oversized json',
    );
    expect(status).toBe(413);
  });

  test.each(IMPORTS)('$url: over the body limit, a renamed executable, a zip bomb and a thousands-of-parts archive are quick 4xx with bounded memory', async ({ url, who }) => {
    await expectRefusedAndNothingStored(() => upload(url, who(), Buffer.alloc(25 * 1024 * 1024, 0x41), XLSX_TYPE), 'over the import body limit');
    await expectRefusedAndNothingStored(() => upload(url, who(), Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(4096, 7)]), XLSX_TYPE), 'executable as xlsx');
    for (const [label, bomb] of [['400 MB bomb', bombs().size], ['5,000-part archive', bombs().count]] as const) {
      global.gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      const started = performance.now();
      await expectRefusedAndNothingStored(() => upload(url, who(), bomb, XLSX_TYPE), label);
      expect(performance.now() - started, `${label} took too long`).toBeLessThan(10_000);
      // The bomb is ~400 KB on the wire; the refusal must not have held its 400 MB of XML.
      expect(process.memoryUsage().heapUsed - heapBefore, `${label} heap growth`).toBeLessThan(100 * 1024 * 1024);
    }
  }, 120_000);
});

describe('the .xlsx unzip limits themselves', () => {
  test('a real workbook passes; a bomb by size, by count, or lying about its sizes does not', async () => {
    await expect(checkXlsxLimits(await writeTable(['名称', 'Name'], [['合成', 'Synthetic']], 'xlsx', 'S'))).resolves.toBeUndefined();
    await expect(checkXlsxLimits(inflatingBomb(2), { maxEntries: 100, maxInflatedBytes: 1024 * 1024 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(checkXlsxLimits(manyEntries(101), { maxEntries: 100, maxInflatedBytes: 1e9 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    // Declares 10 bytes uncompressed but inflates to 2 MB: caught by counting, not by trusting the header.
    const liar = inflatingBomb(2);
    const cd = liar.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    liar.writeUInt32LE(10, cd + 24);
    await expect(checkXlsxLimits(liar, { maxEntries: 100, maxInflatedBytes: 1024 * 1024 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
