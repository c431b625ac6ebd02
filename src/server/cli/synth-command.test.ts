import { describe, expect, test } from 'vitest';
import { devCommand } from './synth-command.js';

/** The argument checks of `kechuang dev synth`, which refuse bad input before any database is opened. */
const run = async (argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await devCommand(argv, { KECHUANG_DATA_DIR: '/nonexistent-synth-test-dir' }, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

describe('kechuang dev synth: arguments', () => {
  test('help names the 1m counts and the options', async () => {
    const { code, out } = await run(['synth', '--help']);
    expect(code).toBe(0);
    expect(out).toContain('10,000,000 contracts');
    expect(out).toContain('--defer-indexes');
  });

  test('a bad scale, seed or count is refused with the option named, exit 2', async () => {
    const { code, err } = await run(['synth', '--scale', 'huge', '--seed=-1', '--contracts', '1.5']);
    expect(code).toBe(2);
    expect(err).toContain('--scale: "huge"');
    expect(err).toContain('--seed: "-1"');
    expect(err).toContain('--contracts: "1.5"');
  });

  test('patents without people are refused: inventors need them', async () => {
    const { code, err } = await run(['synth', '--scale', '2k', '--people', '0']);
    expect(code).toBe(2);
    expect(err).toContain('need people');
  });

  test('an unknown dev subcommand prints the usage', async () => {
    const { code, err } = await run(['seed-everything']);
    expect(code).toBe(2);
    expect(err).toContain('usage: kechuang dev synth');
  });
});
