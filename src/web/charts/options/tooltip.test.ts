import { describe, expect, test } from 'vitest';
import { escapeHtml } from './escape-html.js';
import { tooltipHtml } from './tooltip.js';

describe('tooltipHtml', () => {
  test('escapes every piece of data', () => {
    expect(tooltipHtml({ title: '<b>A&B</b>', lines: ['"x"', "it's"] })).toBe(
      '<strong>&lt;b&gt;A&amp;B&lt;/b&gt;</strong><br/>&quot;x&quot;<br/>it&#39;s',
    );
  });
  test('escapeHtml leaves plain text alone', () => {
    expect(escapeHtml('海淀区 12')).toBe('海淀区 12');
  });
});
