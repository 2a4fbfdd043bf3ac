/**
 * Rebuilds the boolean structure of a WHERE or HAVING clause. soql-parser-js returns a right-leaning chain of
 * `{left, operator, right}` nodes whose conditions carry `openParen`/`closeParen` counters, which does not encode
 * precedence. This module flattens the chain into tokens and parses them again: NOT binds to the next condition or
 * parenthesized group; AND and OR may not be mixed at one level without parentheses (Salesforce rejects
 * `a AND b OR c` with MALFORMED_QUERY: "Client applications must specify parentheses when nesting operators").
 */
import { malformedQuery } from '../errors.js';

/** A leaf condition as the parser gives it (field or function, operator, value). */
export type Leaf = Record<string, unknown>;

export type ConditionNode =
  | { kind: 'leaf'; condition: Leaf }
  | { kind: 'not'; operand: ConditionNode }
  | { kind: 'and' | 'or'; operands: ConditionNode[] };

type Token = { type: '(' } | { type: ')' } | { type: 'NOT' } | { type: 'AND' | 'OR' } | { type: 'leaf'; leaf: Leaf };

interface ChainNode {
  left?: Leaf | null;
  operator?: string;
  right?: ChainNode;
}

function isLeaf(left: Leaf): boolean {
  return 'field' in left || 'fn' in left;
}

function tokenize(chain: ChainNode): Token[] {
  const tokens: Token[] = [];
  let node: ChainNode | undefined = chain;
  while (node) {
    const left = node.left ?? null;
    if (node.operator === 'NOT' && (left === null || !isLeaf(left))) {
      const open = Number((left as { openParen?: number } | null)?.openParen ?? 0);
      for (let i = 0; i < open; i++) tokens.push({ type: '(' });
      tokens.push({ type: 'NOT' });
      node = node.right;
      continue;
    }
    if (left === null) throw malformedQuery('unexpected end of the WHERE clause');
    for (let i = 0; i < Number(left.openParen ?? 0); i++) tokens.push({ type: '(' });
    tokens.push({ type: 'leaf', leaf: left });
    for (let i = 0; i < Number(left.closeParen ?? 0); i++) tokens.push({ type: ')' });
    if (node.operator === 'AND' || node.operator === 'OR') tokens.push({ type: node.operator });
    else if (node.operator !== undefined) throw malformedQuery(`unexpected token: ${node.operator}`);
    node = node.right;
  }
  return tokens;
}

/** Parses a WHERE/HAVING chain into a condition tree. */
export function buildConditionTree(chain: ChainNode): ConditionNode {
  const tokens = tokenize(chain);
  let position = 0;

  const peek = (): Token | undefined => tokens[position];

  const parseTerm = (): ConditionNode => {
    const token = tokens[position++];
    if (!token) throw malformedQuery('unexpected end of the WHERE clause');
    if (token.type === 'NOT') return { kind: 'not', operand: parseTerm() };
    if (token.type === '(') {
      const inner = parseExpression();
      if (tokens[position++]?.type !== ')') throw malformedQuery('missing closing parenthesis');
      return inner;
    }
    if (token.type === 'leaf') return { kind: 'leaf', condition: token.leaf };
    throw malformedQuery(`unexpected token: ${token.type}`);
  };

  const parseExpression = (): ConditionNode => {
    const operands = [parseTerm()];
    let operator: 'AND' | 'OR' | undefined;
    for (let next = peek(); next && (next.type === 'AND' || next.type === 'OR'); next = peek()) {
      if (operator && operator !== next.type) {
        throw malformedQuery(`unexpected token: '${next.type}': parentheses are required when AND and OR are mixed`);
      }
      operator = next.type;
      position++;
      operands.push(parseTerm());
    }
    if (!operator) return operands[0];
    return { kind: operator === 'AND' ? 'and' : 'or', operands };
  };

  const tree = parseExpression();
  if (position !== tokens.length) throw malformedQuery('unbalanced parentheses in the WHERE clause');
  return tree;
}
