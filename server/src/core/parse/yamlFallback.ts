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
 * gets the value go-yaml gives it, computed from the original text. Repairs are kept only
 * if `yaml` then reads the document without error and each as the scalar it stands for. Duplicate keys are not `yaml`'s to
 * judge (its check compares every pair of keys): toTree finds them with a map.
 */
import { parseDocument } from 'yaml';
import type { YNode } from '../model/ytree';
import { doubleQuotedValue, singleQuotedValue } from './blockScalars';
import { cutQuotes } from './cutQuotes';
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

/** A value `yaml` must be given for the scalar at a chunk offset, and where that scalar ends. */
export interface Repaired {
  value: string;
  end: number;
}

/** Read one document's text (`offset`: where it starts in its file) with `yaml`. */
export function readWithYaml(text: string, offset: number, key?: (k: string) => string): YamlRead {
  const deep = tooDeepAt(text);
  if (deep >= 0)
    return { root: undefined, duplicates: [], error: { message: `${deepMessage} (over ${maxNesting} levels)`, pos: [deep, deep + 1] } };
  try {
    const repaired = new Map<number, Repaired>();
    // Quoted scalars `yaml` would cut are repaired before the first reading: its recovery
    // from each cut costs more than the whole reading.
    let source = repairQuotes(text, repaired) ?? text;
    let first: YamlRead['error'];
    // At most three readings: as written, with the repairs the first one calls for, and with
    // those the second finds (a dash in a flow sequence the cut quote had hidden).
    for (let round = 0; round < 3; round++) {
      const doc = parseDocument(source, yamlOptions);
      if (doc.errors.length === 0) {
        const duplicates: Duplicate[] = [];
        const used = new Set<number>();
        const root = toTree(doc, offset, { values: repaired, used, duplicates, key });
        // Each repair must have read as the scalar it stands for; else the text meant something else.
        if (used.size === repaired.size) return { root, duplicates };
        if (source === text) break;
        // The text meant something else: read it as written, for its own error.
        repaired.clear();
        source = text;
        continue;
      }
      first ??= { message: tooDeep(doc.errors[0]!.message) ? deepMessage : doc.errors[0]!.message, pos: doc.errors[0]!.pos };
      const next = repair(source, doc.errors, repaired);
      if (next === undefined) break;
      source = next;
    }
    return { root: undefined, duplicates: [], error: first ?? { message: 'the document cannot be read as kubectl reads it', pos: [0, 1] } };
  } catch (e) {
    // Stack exhaustion on absurd nesting, and the like: a finding, never a crash.
    return {
      root: undefined,
      duplicates: [],
      error: { message: e instanceof RangeError || tooDeep(String(e)) ? deepMessage : String(e), pos: [0, 1] },
    };
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
 * The text with what go-yaml reads and `yaml` rejects made readable, and the values the
 * repaired scalars must have recorded in `repaired`; undefined when there is nothing to repair.
 */
function repair(source: string, errors: readonly ErrorLike[], repaired: Map<number, Repaired>): string | undefined {
  const edits: [number, number, string][] = [];
  // A bare `-` before `,` `]` or `}` in a flow collection: every one is reported, at the dash.
  for (const e of errors) {
    const at = e.pos[0];
    if (e.code !== 'BLOCK_IN_FLOW' || source[at] !== '-' || !',]}'.includes(source[at + 1] ?? '') || repaired.has(at)) continue;
    edits.push([at, at + 1, 'x']);
    repaired.set(at, { value: '-', end: at + 1 });
  }
  return edited(source, edits);
}

/** The text with the quoted scalars `yaml` would cut (see cutQuotes.ts) on one line each, or undefined when there are none. */
function repairQuotes(source: string, repaired: Map<number, Repaired>): string | undefined {
  if (!source.includes("'") && !source.includes('"')) return undefined;
  const edits: [number, number, string][] = [];
  for (const [from, close] of cutQuotes(source)) {
    const original = source.slice(from, close + 1);
    // A document marker at the start of a line ends the scalar for go-yaml too.
    if (/\n(?:---|\.\.\.)(?:[ \t\r\n]|$)/.test(original)) continue;
    const value = original[0] === "'" ? singleQuotedValue(original) : doubleQuotedValue(original);
    if (value === undefined) continue;
    edits.push([from, close + 1, original.replace(/[\r\n]/g, ' ')]);
    repaired.set(from, { value, end: close + 1 });
  }
  return edited(source, edits);
}

/** `source` with same-length edits [from, to, replacement] applied; undefined without any. */
function edited(source: string, edits: [number, number, string][]): string | undefined {
  if (edits.length === 0) return undefined;
  edits.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = 0;
  for (const [from, to, text] of edits) {
    if (from < at) continue; // a dash inside a repaired quote cannot be
    parts.push(source.slice(at, from), text);
    at = to;
  }
  parts.push(source.slice(at));
  return parts.join('');
}
