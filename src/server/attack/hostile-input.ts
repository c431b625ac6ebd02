import fc from 'fast-check';

/**
 * Hostile input for the write-route fuzz: a valid-shaped body built from a
 * route's JSON schema (the OpenAPI document made from its Zod schema), then
 * mutated one field at a time with values an attacker or a broken client sends.
 */

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  $ref?: string;
};

/** Marks a value to be written into the JSON text verbatim (numbers JSON.stringify cannot produce, e.g. 1e999). */
export const RAW = '\u0001raw:';
export const raw = (text: string): string => `${RAW}${text}`;
export const toJsonText = (value: unknown): string =>
  JSON.stringify(value).replace(new RegExp(`"${RAW.replace('\u0001', '\\\\u0001')}([^"]*)"`, 'g'), (_m, text: string) => text);

const nested = (depth: number, leaf: unknown, kind: 'array' | 'object'): unknown => {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
};

/** A valid-looking example of a schema: the base every mutation starts from. */
export const exampleOf = (schema: JsonSchema | undefined, depth = 0): unknown => {
  if (!schema || depth > 6) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt && alt.length > 0) return exampleOf(alt.find((s) => s.type !== 'null') ?? alt[0], depth + 1);
  if (schema.allOf && schema.allOf.length > 0) return exampleOf(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(schema.properties ?? {})) if (schema.required?.includes(k)) out[k] = exampleOf(s, depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => exampleOf(schema.items, depth + 1));
    case 'string':
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (schema.format === 'date') return '2026-03-01';
      if (schema.format === 'date-time') return '2026-03-01T09:00:00.000Z';
      if (schema.format === 'email') return 'synthetic@example.org';
      return '合成 Synthetic'.padEnd(schema.minLength ?? 0, 'x').slice(0, schema.maxLength ?? 200);
    case 'integer':
      return Math.max(schema.minimum ?? 1, Math.ceil(schema.exclusiveMinimum ?? 0) + 1, 1);
    case 'number':
      return Math.max(schema.minimum ?? 1, (schema.exclusiveMinimum ?? 0) + 1, 1);
    case 'boolean':
      return false;
    default:
      return 'Synthetic';
  }
};

/** Dotted paths of a schema's fields (objects and first array items, a few levels deep), each with its schema. */
export const fieldsOf = (schema: JsonSchema | undefined, prefix: (string | number)[] = [], depth = 0): { path: (string | number)[]; schema: JsonSchema }[] => {
  if (!schema || depth > 4) return [];
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt) return alt.flatMap((s) => fieldsOf(s, prefix, depth + 1));
  const out: { path: (string | number)[]; schema: JsonSchema }[] = [];
  for (const [k, s] of Object.entries(schema.properties ?? {})) {
    out.push({ path: [...prefix, k], schema: s });
    out.push(...fieldsOf(s, [...prefix, k], depth + 1));
  }
  if (schema.items) {
    out.push({ path: [...prefix, 0], schema: schema.items });
    out.push(...fieldsOf(schema.items, [...prefix, 0], depth + 1));
  }
  return out;
};

/** A copy of `base` with the value at `path` replaced (intermediate containers made as needed). */
export const setAt = (base: unknown, path: readonly (string | number)[], value: unknown): unknown => {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const container: Record<string | number, unknown> | unknown[] =
    Array.isArray(base) ? [...base] : base && typeof base === 'object' ? { ...(base as Record<string, unknown>) } : typeof head === 'number' ? [] : {};
  (container as Record<string | number, unknown>)[head] = setAt((container as Record<string | number, unknown>)[head], rest, value);
  return container;
};

const ONE_MB = 1024 * 1024;

/** Strings that break naive code: control and format characters, broken UTF-16, scripts that read right to left. */
export const UNICODE_EDGES = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202egnp.exe',
  '\u200b\u200c\u200d\ufeff',
  'שלום عربي',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  `e${'\u0301'.repeat(500)}`,
  '\u0085\u2028\u2029',
  '\uffff\ufffe',
] as const;

export const INJECTION = [
  "' OR '1'='1' --",
  "'; DROP TABLE users; --",
  '"; select pg_sleep(5); --',
  '$1::text',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  '%00%27',
] as const;

/** Numbers at and past the edges; raw() ones are written into the JSON text as they are. */
export const EDGE_NUMBERS = [0, -1, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 63), 0.1 + 0.2, raw('1e999'), raw('-1e999'), 'NaN', 'Infinity', '1e308', '-0', '0x10', ' 1 '] as const;

export const BAD_IDS_AND_DATES = ['not-a-uuid', '00000000-0000-0000-0000-00000000000g', '', ' ', '2026-02-30', '9999-99-99', '0000-00-00T25:61:61Z', '2026-13-01T00:00:00Z', '-001-01-01', '1'.repeat(400)] as const;

export const WRONG_TYPES = [null, true, false, 0, '', 'x', [], {}, [null], { '': null }, { __proto__: { admin: true } }, { constructor: { prototype: { polluted: true } } }] as const;

/** A value one past a schema's own limits, when it declares any. */
const justOver = (schema: JsonSchema): unknown[] => {
  const out: unknown[] = [];
  if (schema.maxLength !== undefined) out.push('长'.repeat(schema.maxLength + 1));
  if (schema.minLength !== undefined && schema.minLength > 0) out.push('x'.repeat(schema.minLength - 1));
  if (schema.maximum !== undefined) out.push(schema.maximum + 1, schema.maximum + 0.5);
  if (schema.minimum !== undefined) out.push(schema.minimum - 1);
  if (schema.maxItems !== undefined) out.push(Array.from({ length: schema.maxItems + 1 }, () => exampleOf(schema.items)));
  return out;
};

/** Hostile values for one field: the fixed catalogues, generated Unicode, and the field's own limits plus one. */
export const hostileValue = (schema: JsonSchema): fc.Arbitrary<unknown> => {
  const arbs: fc.Arbitrary<unknown>[] = [
    fc.constantFrom<unknown>(...WRONG_TYPES),
    fc.constantFrom<unknown>(...UNICODE_EDGES),
    fc.constantFrom<unknown>(...INJECTION),
    fc.constantFrom<unknown>(...EDGE_NUMBERS),
    fc.constantFrom<unknown>(...BAD_IDS_AND_DATES),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom<unknown>('x'.repeat(70_000), nested(200, 'deep', 'array'), nested(200, 1, 'object')),
  ];
  const over = justOver(schema);
  if (over.length > 0) arbs.push(fc.constantFrom(...over));
  return fc.oneof(...arbs);
};

/** A whole body that is not what any route expects (sent as JSON text). */
export const hostileBodyText = fc.constantFrom(
  'null',
  '[]',
  '"just a string"',
  '12',
  '{"a":',
  '{"a":1,"a":2}',
  '\u0000',
  `{"x":"${'a'.repeat(ONE_MB)}"}`,
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
  '{"__proto__":{"isAdmin":true}}',
  '{"a":1e999}',
  '\ufeff{}',
);

export type HostileRequest =
  | { kind: 'field'; path: (string | number)[]; value: unknown; body: unknown }
  | { kind: 'extra'; body: unknown }
  | { kind: 'whole'; text: string }
  | { kind: 'param'; name: string; value: string }
  | { kind: 'query'; query: Record<string, string> };

/** One hostile request for a route with this body schema and these path parameters. */
export const hostileRequest = (bodySchema: JsonSchema | undefined, params: readonly string[]): fc.Arbitrary<HostileRequest> => {
  const base = bodySchema ? exampleOf(bodySchema) : undefined;
  const fields = fieldsOf(bodySchema);
  const arbs: fc.Arbitrary<HostileRequest>[] = [fc.record({ kind: fc.constant('whole' as const), text: hostileBodyText })];
  if (fields.length > 0) {
    // Several field arbitraries so that field mutations outweigh the rest, as they reach furthest into a handler.
    const field = fc.constantFrom(...fields).chain((f) => hostileValue(f.schema).map((value): HostileRequest => ({ kind: 'field', path: f.path, value, body: setAt(base, f.path, value) })));
    arbs.push(field, field, field);
  }
  if (base && typeof base === 'object' && !Array.isArray(base)) {
    arbs.push(fc.constantFrom<unknown>(...WRONG_TYPES, ...UNICODE_EDGES).map((v): HostileRequest => ({ kind: 'extra', body: { ...(base as object), unexpectedField: v, "'; drop table audit_log; --": v } })));
  }
  if (params.length > 0) {
    arbs.push(
      fc.record({
        kind: fc.constant('param' as const),
        name: fc.constantFrom(...params),
        value: fc.constantFrom<string>(...UNICODE_EDGES, ...INJECTION, ...BAD_IDS_AND_DATES.filter((s) => s.trim() !== ''), 'x'.repeat(5000), '-1', '1e308', 'NaN'),
      }),
    );
  }
  arbs.push(
    fc.record({
      kind: fc.constant('query' as const),
      query: fc.dictionary(fc.constantFrom('fileName', 'limit', 'offset', 'q', 'format', 'internal', 'dryRun', 'version'), fc.constantFrom<string>(...UNICODE_EDGES, ...INJECTION, '-1', '1e308', 'NaN', 'x'.repeat(3000)), { maxKeys: 3 }),
    }),
  );
  return fc.oneof(...arbs);
};
