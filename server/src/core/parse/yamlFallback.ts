/**
 * The `yaml` package as the reader of last resort (readYaml.ts calls it when the fast block
 * reader gives up), made to read what kubectl's go-yaml reads where the two differ on
 * files people actually apply:
 * - a quoted scalar whose continuation lines are indented no deeper than its key
 *   (`annotations: '[` … `]'` at the key's column): go-yaml only looks for the closing
 *   quote, `yaml` cuts the scalar at the first such line ("Missing closing quote");
 * - a bare `-` item of a flow sequence (`[kubectl, apply, -f, -]`): go-yaml reads the string
 *   "-", `yaml` a block sequence where none may be.
 * Each is repaired in a copy of the text of the same length — the line breaks inside the
 * quotes become spaces, the dash a letter — so that every span stays right, and the scalar
 * gets the value go-yaml gives it, computed from the original text. A repair is kept only
 * if `yaml` then reads the document without error. Duplicate keys are not `yaml`'s to
 * judge (its check compares every pair of keys): toTree finds them with a map.
 */
import { Lexer, parseDocument } from 'yaml';
import type { YNode } from '../model/ytree';
import { doubleQuotedValue, singleQuotedValue } from './blockScalars';
import { maxNesting, tooDeepAt } from './depth';
import { toTree, type Duplicate } from './toTree';

/** `yaml`'s options: YAML 1.2 core schema, merge keys, and no pairwise duplicate check. */
export const yamlOptions = { prettyErrors: false, merge: true, keepSourceTokens: false, uniqueKeys: false, strict: false } as const;

export interface YamlRead {
  root: YNode | undefined;
  duplicates: Duplicate[];
  /** The first error, where it is (chunk offsets), when the document cannot be read. */
  error?: { message: string; pos: [number, number] };
}

export const deepMessage = 'the document is nested too deeply to analyse';

/** Read one document's text (`offset`: where it starts in its file) with `yaml`. */
export function readWithYaml(text: string, offset: number, key?: (k: string) => string): YamlRead {
  const deep = tooDeepAt(text);
  if (deep >= 0) return { root: undefined, duplicates: [], error: { message: `${deepMessage} (over ${maxNesting} levels)`, pos: [deep, deep + 1] } };
  try {
    let source = text;
    const values = new Map<number, string>();
    // Each round parses the whole text once: the rounds stop within a few times its length.
    let budget = 4 * text.length + (1 << 20);
    for (;;) {
      budget -= source.length;
      const doc = parseDocument(source, yamlOptions);
      if (doc.errors.length === 0) {
        const duplicates: Duplicate[] = [];
        return { root: toTree(doc, offset, { values, duplicates, key }), duplicates };
      }
      const repaired = budget > 0 ? repair(source, doc.errors, values) : undefined;
      if (repaired === undefined) {
        const e = doc.errors[0]!;
        return { root: undefined, duplicates: [], error: { message: tooDeep(e.message) ? deepMessage : e.message, pos: e.pos } };
      }
      source = repaired;
    }
  } catch (e) {
    // Stack exhaustion on absurd nesting, and the like: a finding, never a crash.
    return { root: undefined, duplicates: [], error: { message: e instanceof RangeError || tooDeep(String(e)) ? deepMessage : String(e), pos: [0, 1] } };
  }
}

function tooDeep(message: string): boolean {
  return message.includes('Maximum call stack');
}

interface ErrorLike {
  code: string;
  message: string;
  pos: [number, number];
}

/**
 * The text with what go-yaml reads and `yaml` rejects made readable, the values it must
 * have recorded in `values` (by offset); undefined when there is nothing to repair.
 */
function repair(source: string, errors: readonly ErrorLike[], values: Map<number, string>): string | undefined {
  const dashes: number[] = [];
  // A bare `-` before `,` `]` or `}` in a flow collection: every one is reported, at the dash.
  for (const e of errors) {
    const at = e.pos[0];
    if (e.code !== 'BLOCK_IN_FLOW' || source[at] !== '-' || !',]}'.includes(source[at + 1] ?? '') || values.has(at)) continue;
    dashes.push(at);
    values.set(at, '-');
  }
  if (dashes.length > 0) {
    dashes.sort((a, b) => a - b);
    const parts: string[] = [];
    let from = 0;
    for (const at of dashes) {
      parts.push(source.slice(from, at), 'x');
      from = at + 1;
    }
    parts.push(source.slice(from));
    return parts.join('');
  }
  if (!errors.some((e) => e.code === 'MISSING_CHAR' && /closing .?quote/.test(e.message))) return undefined;
  // The first quoted scalar `yaml` cut short (after it the lexer is lost): one per round.
  const cut = firstCutQuote(source);
  if (!cut) return undefined;
  const [from, close] = cut;
  const original = source.slice(from, close + 1);
  // A document marker at the start of a line ends the scalar for go-yaml too; a quoted key must be on one line.
  if (/\n(?:---|\.\.\.)(?:[ \t\r\n]|$)/.test(original) || /^[ \t]*:/.test(source.slice(close + 1, close + 200))) return undefined;
  const value = source[from] === "'" ? singleQuotedValue(original) : doubleQuotedValue(original);
  if (value === undefined) return undefined;
  values.set(from, value);
  return source.slice(0, from) + original.replace(/[\r\n]/g, ' ') + source.slice(close + 1);
}

/** Where the first quoted scalar that `yaml`'s lexer ended before its closing quote starts, and that quote. */
function firstCutQuote(source: string): [number, number] | undefined {
  let at = 0;
  let scalar = false;
  for (const lexeme of new Lexer().lex(source)) {
    // Control tokens (document start, flow error end, the marker before a plain or block scalar's text) are not source text.
    if (lexeme.length === 1 && (lexeme === '\x02' || lexeme === '\x18' || lexeme === '\x1f')) {
      scalar = lexeme === '\x1f';
      continue;
    }
    const q = lexeme[0];
    if (!scalar && (q === "'" || q === '"')) {
      const close = closingQuote(source, at);
      if (close > at + lexeme.length - 1) return [at, close];
    }
    scalar = false;
    at += lexeme.length;
  }
  return undefined;
}

/** The quote closing the one at `at`, found as `yaml`'s lexer (and go-yaml) find it, or -1. */
function closingQuote(text: string, at: number): number {
  const q = text[at]!;
  let end = text.indexOf(q, at + 1);
  if (q === "'") {
    while (end !== -1 && text[end + 1] === "'") end = text.indexOf("'", end + 2);
    return end;
  }
  while (end !== -1) {
    let n = 0;
    while (text[end - 1 - n] === '\\') n++;
    if (n % 2 === 0) break;
    end = text.indexOf('"', end + 1);
  }
  return end;
}
