import { describe, expect, test } from 'vitest';
import { ZRoundInput } from '../../shared/schemas/finance.js';
import { ZSourceInput } from '../../shared/schemas/indicators.js';
import { ZPolicyInput } from '../../shared/schemas/policies.js';

/**
 * Link fields are rendered as <a href>: a `javascript:` or `data:` URL stored there would run
 * (or phish) when clicked. Zod's url() alone accepts any scheme, so every input link field names http(s).
 */
const HOSTILE = ['javascript:window.__xss=1', 'JavaScript:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'file:///etc/passwd'];

describe('link fields accept only http(s) URLs', () => {
  test('policy, figure source and investment round links refuse script and data URLs', () => {
    const policy = (url: string) => ZPolicyInput.safeParse({ code: 'SYN-1', titleZh: '合成政策', issuer: '合成', level: 'municipal', url }).success;
    const source = (url: string) => ZSourceInput.safeParse({ titleZh: '合成来源', url }).success;
    const round = (url: string) => ZRoundInput.safeParse({ investeeId: 'beijing-ent-001', announcedOn: '2024-01-01', stage: 'seed', sourceUrl: url }).success;
    for (const check of [policy, source, round]) {
      expect(check('https://www.example.gov.cn/policy/1')).toBe(true);
      for (const url of HOSTILE) expect(check(url), url).toBe(false);
    }
  });
});
