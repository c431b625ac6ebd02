import { describe, expect, test } from 'vitest';
import { streamTable } from './tabular.js';

/** A producer of `total` rows that records how far it got and whether it was let go (its finally ran). */
const counting = (total: number) => {
  const state = { produced: 0, finished: false, settled: false };
  const rows = async function* (): AsyncGenerator<unknown[]> {
    try {
      for (let i = 0; i < total; i++) {
        state.produced++;
        yield [i, `第${i}行 row ${i}`, 'x'.repeat(40)];
        if (i % 100 === 0) await new Promise((r) => setImmediate(r)); // like a database page
      }
    } finally {
      state.finished = true;
    }
  };
  const produce = async (write: (rows: AsyncIterable<readonly unknown[]>) => Promise<void>) => {
    try {
      await write(rows());
    } finally {
      state.settled = true; // where a caller's transaction would end
    }
  };
  return { state, produce };
};

const settle = async (until: () => boolean) => {
  for (let i = 0; i < 300 && !until(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe.each(['csv', 'xlsx'] as const)('a streamed %s table', (format) => {
  test('is produced only as fast as it is read: with no reader, production stops early', async () => {
    const { state, produce } = counting(200_000);
    const out = streamTable(['n', 'name', 'pad'], format, 'rows', produce);
    // Production starts (Excel's writer loads first), fills the stream's buffer and then waits for a reader.
    let seen = -1;
    for (let i = 0; i < 50 && (state.produced === 0 || state.produced !== seen); i++) {
      seen = state.produced;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(state.produced).toBeGreaterThan(0);
    expect(state.produced).toBeLessThan(50_000); // waiting for a reader, not building the file in memory
    expect(state.settled).toBe(false);
    out.destroy();
    await settle(() => state.settled);
  });

  test('a reader who hangs up ends the production and lets its transaction go', async () => {
    const { state, produce } = counting(200_000);
    const out = streamTable(['n', 'name', 'pad'], format, 'rows', produce);
    let bytes = 0;
    for await (const chunk of out) {
      bytes += (chunk as Buffer).length;
      if (bytes > 32 * 1024) break; // breaking destroys the stream, as the HTTP layer does when the connection closes
    }
    await settle(() => state.settled);
    expect(state.settled).toBe(true);
    expect(state.finished).toBe(true);
    expect(state.produced).toBeLessThan(200_000);
  });

  test('a reader who reads to the end gets every row', async () => {
    const { state, produce } = counting(3_000);
    const out = streamTable(['n', 'name', 'pad'], format, 'rows', produce);
    const chunks: Buffer[] = [];
    for await (const chunk of out) chunks.push(chunk as Buffer);
    expect(state.produced).toBe(3_000);
    expect(state.settled).toBe(true);
    const body = Buffer.concat(chunks);
    if (format === 'csv') expect(body.toString('utf8').trim().split('\n')).toHaveLength(3_001);
    else expect(body.subarray(0, 2).toString()).toBe('PK');
  });
});
