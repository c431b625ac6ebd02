import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { FieldIssue } from '../../shared/errors.js';
import { invalidBody } from '../errors.js';

/**
 * Checks every route's parsed input needs, whatever its schema says, before
 * the schema runs:
 *   - no U+0000 in any string or key: PostgreSQL text cannot hold it, so it
 *     would reach the database and fail there as a 500;
 *   - no unpaired UTF-16 surrogate: it cannot be encoded as UTF-8, and the
 *     driver would silently store U+FFFD instead of what was sent;
 *   - JSON nested no deeper than MAX_DEPTH: deeper input only costs stack and
 *     time in every validator and handler that walks it.
 * A refusal is a 400 with the field's path, like any validation failure.
 */
export const MAX_DEPTH = 64;
const MAX_ISSUES = 5;
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

type Part = 'body' | 'query' | 'params';

const stringProblem = (s: string): { reason: string; message: string } | null => {
  if (s.includes('\u0000')) return { reason: 'nul_character', message: 'contains the NUL character (U+0000)' };
  if (UNPAIRED_SURROGATE.test(s)) return { reason: 'unpaired_surrogate', message: 'contains an unpaired UTF-16 surrogate (not valid Unicode)' };
  return null;
};

/** Problems in one part of a request, found without recursion (deep input must not exhaust the stack here either). */
export const inputIssues = (part: Part, value: unknown): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  const stack: { value: unknown; path: string[]; depth: number }[] = [{ value, path: [], depth: 0 }];
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const { value: v, path, depth } = stack.pop() as { value: unknown; path: string[]; depth: number };
    if (typeof v === 'string') {
      const problem = stringProblem(v);
      if (problem) issues.push({ in: part, path: path.join('.'), ...problem });
      continue;
    }
    if (v === null || typeof v !== 'object' || Buffer.isBuffer(v)) continue;
    if (depth >= MAX_DEPTH) {
      issues.push({ in: part, path: path.join('.'), reason: 'too_deep', message: `nested deeper than ${MAX_DEPTH} levels` });
      continue;
    }
    const entries: [string, unknown][] = Array.isArray(v) ? v.map((item, i) => [String(i), item]) : Object.entries(v as Record<string, unknown>);
    for (const [key, item] of entries) {
      const keyProblem = stringProblem(key);
      if (keyProblem) {
        issues.push({ in: part, path: [...path, key.replaceAll('\u0000', '\\u0000')].join('.'), reason: keyProblem.reason, message: `field name ${keyProblem.message}` });
        continue;
      }
      stack.push({ value: item, path: [...path, key], depth: depth + 1 });
    }
  }
  return issues;
};

export const inputGuardPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('preValidation', async (request) => {
    if (request.is404) return;
    const issues = [...inputIssues('params', request.params), ...inputIssues('query', request.query), ...inputIssues('body', request.body)];
    if (issues.length > 0) throw invalidBody(issues.slice(0, MAX_ISSUES));
  });
});
