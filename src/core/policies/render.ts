import type { FactDefinition } from './facts.js';
import { parseValidRule, type RuleNode } from './syntax.js';

/**
 * A rule as a sentence: "研发投入强度 ≥ 3 % 且 成立年份 ≥ 2016" /
 * "R&D intensity ≥ 3 % and year founded ≥ 2016". Facts by their catalogue
 * label (the name when the catalogue lacks them), a number compared with a
 * fact followed by the fact's unit, `and` inside `or` (and the reverse) in
 * parentheses.
 */

export type RuleLanguage = 'zh-CN' | 'en';

const WORDS = {
  'zh-CN': {
    and: ' 且 ',
    or: ' 或 ',
    not: (x: string) => `非（${x}）`,
    yes: '是',
    no: '否',
    empty: '空',
    element: '该项',
    quote: (s: string) => `“${s}”`,
    list: (items: string[]) => items.join('、'),
    oneOf: (x: string, items: string) => `${x} 属于 ${items} 之一`,
    contains: (x: string, item: string) => `${x} 包含 ${item}`,
    ifThen: (c: string, t: string) => `如果 ${c} 则 ${t}`,
    otherwise: (rest: string) => `，否则 ${rest}`,
    some: (array: string, p: string) => `${array} 中至少一项满足（${p}）`,
    all: (array: string, p: string) => `${array} 中每一项都满足（${p}）`,
    none: (array: string, p: string) => `${array} 中没有一项满足（${p}）`,
    orElse: (x: string, d: string) => `${x}（缺失时取 ${d}）`,
    paren: (x: string) => `（${x}）`,
  },
  en: {
    and: ' and ',
    or: ' or ',
    not: (x: string) => `not (${x})`,
    yes: 'yes',
    no: 'no',
    empty: 'empty',
    element: 'it',
    quote: (s: string) => `"${s}"`,
    list: (items: string[]) => items.join(', '),
    oneOf: (x: string, items: string) => `${x} is one of ${items}`,
    contains: (x: string, item: string) => `${x} includes ${item}`,
    ifThen: (c: string, t: string) => `if ${c} then ${t}`,
    otherwise: (rest: string) => `, otherwise ${rest}`,
    some: (array: string, p: string) => `some of ${array} satisfy (${p})`,
    all: (array: string, p: string) => `all of ${array} satisfy (${p})`,
    none: (array: string, p: string) => `none of ${array} satisfy (${p})`,
    orElse: (x: string, d: string) => `${x} (${d} when missing)`,
    paren: (x: string) => `(${x})`,
  },
} as const;

const SYMBOLS: Record<string, string> = { '==': '=', '===': '=', '!=': '≠', '!==': '≠', '<': '<', '<=': '≤', '>': '>', '>=': '≥', '+': '+', '-': '−', '*': '×', '/': '÷' };

export const renderRule = (rule: unknown, catalogue: readonly FactDefinition[], lang: RuleLanguage): string => {
  const words = WORDS[lang];
  const byName = new Map(catalogue.map((f) => [f.name, f]));
  const unitOf = (node: RuleNode): string | null => (node.kind === 'var' && node.scope === 'facts' ? (byName.get(node.name)?.unit?.[lang] ?? null) : null);

  const constant = (value: unknown, unit: string | null): string => {
    if (typeof value === 'string') return words.quote(value);
    if (typeof value === 'boolean') return value ? words.yes : words.no;
    if (value === null) return words.empty;
    if (typeof value === 'number') return unit ? `${value} ${unit}` : String(value);
    return JSON.stringify(value);
  };

  /** `unit`: the unit of the fact this node is compared with, for a number constant. */
  const text = (node: RuleNode, unit: string | null = null): string => {
    switch (node.kind) {
      case 'literal':
        return constant(node.value, unit);
      case 'array':
        return `[${words.list(node.items.map((item) => text(item, unit)))}]`;
      case 'var': {
        const name = node.scope === 'element' ? (node.name === '' ? words.element : `${words.element}.${node.name}`) : (byName.get(node.name)?.label[lang] ?? node.name);
        return node.fallback ? words.orElse(name, text(node.fallback, unitOf(node))) : name;
      }
      case 'quantifier':
        return words[node.op](text(node.array), text(node.predicate));
      case 'op':
        return operation(node);
    }
  };

  /** An operand inside a bigger expression: parenthesised when it is itself a junction, condition or arithmetic. */
  const operand = (node: RuleNode, unit: string | null = null): string => {
    const inner = text(node, unit);
    return node.kind === 'op' && ['and', 'or', 'if', '+', '-', '*', '/'].includes(node.op) ? words.paren(inner) : inner;
  };

  const operation = (node: Extract<RuleNode, { kind: 'op' }>): string => {
    const { op, args } = node;
    switch (op) {
      case 'and':
      case 'or':
        // Same junction nested reads the same flat; the other one gets parentheses.
        return args.map((arg) => (arg.kind === 'op' && arg.op === op ? text(arg) : operand(arg))).join(words[op]);
      case '!':
        return words.not(text(args[0] as RuleNode));
      case '!!':
        return text(args[0] as RuleNode);
      case 'if': {
        const clauses: string[] = [];
        for (let i = 0; i + 1 < args.length; i += 2) clauses.push(words.ifThen(operand(args[i] as RuleNode), operand(args[i + 1] as RuleNode)));
        let sentence = clauses.join(words.otherwise(''));
        if (args.length % 2 === 1) sentence += words.otherwise(operand(args[args.length - 1] as RuleNode));
        return sentence;
      }
      case 'in': {
        const [needle, haystack] = args as [RuleNode, RuleNode];
        if (haystack.kind === 'array') return words.oneOf(operand(needle), words.list(haystack.items.map((item) => text(item, unitOf(needle)))));
        return words.contains(operand(haystack), operand(needle, unitOf(haystack)));
      }
      case 'min':
      case 'max':
        return `${op}(${args.map((arg) => text(arg)).join(', ')})`;
      case '-':
        if (args.length === 1) return `−${operand(args[0] as RuleNode)}`;
        return args.map((arg) => operand(arg)).join(` ${SYMBOLS[op]} `);
      case '==':
      case '===':
      case '!=':
      case '!==': {
        // A yes/no fact compared with yes or no reads as the condition itself: "纳税信用良好", not "纳税信用良好 = 是".
        const [a, b] = args as [RuleNode, RuleNode];
        const flag = b.kind === 'literal' && typeof b.value === 'boolean' && a.kind === 'var' ? { fact: a, value: b.value } : a.kind === 'literal' && typeof a.value === 'boolean' && b.kind === 'var' ? { fact: b, value: a.value } : null;
        if (flag && args.length === 2 && flag.fact.scope === 'facts' && byName.get(flag.fact.name)?.type === 'boolean') {
          const holds = flag.value === (op === '==' || op === '===');
          return holds ? text(flag.fact) : words.not(text(flag.fact));
        }
        return args.map((arg) => operand(arg, args.map(unitOf).find((u) => u !== null) ?? null)).join(` ${SYMBOLS[op]} `);
      }
      default: {
        // Comparisons and arithmetic: infix; a number next to a fact takes the fact's unit.
        const unit = args.map(unitOf).find((u) => u !== null) ?? null;
        return args.map((arg) => operand(arg, unit)).join(` ${SYMBOLS[op] ?? op} `);
      }
    }
  };

  return text(parseValidRule(rule));
};
