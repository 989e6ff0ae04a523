/**
 * Building quick-fix edits that keep the file's indentation and comments: replace one
 * scalar, or add entries to a block or flow map at the indentation of its keys.
 */
import type { TextEditSpec } from '../model/finding';
import type { SourceFile } from '../model/resource';
import type { Span, YMap } from '../model/ytree';

/** Replace the text of a span (a scalar value) with new text. */
export function replaceSpan(file: SourceFile, span: Span, newText: string): TextEditSpec {
  return { file, span, newText };
}

/** A YAML scalar for a value: numbers bare, strings quoted only when needed. */
export function yamlScalar(v: string | number): string {
  if (typeof v === 'number') return String(v);
  return /^[A-Za-z_/][-A-Za-z0-9_./]*$/.test(v) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(v) ? v : JSON.stringify(v);
}

/** The leading whitespace of the line holding an offset. */
export function indentAt(file: SourceFile, offset: number): string {
  const lineStart = file.text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(file.text.slice(lineStart))?.[0] ?? '';
}

/**
 * The indentation that puts a new key in the column of the key at `offset`. Unlike
 * `indentAt`, it sees through sequence dashes: for `  - port: 80` it is four spaces, so a
 * key added to that item stays inside it.
 */
export function keyIndent(file: SourceFile, offset: number): string {
  const lineStart = file.text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = file.text.slice(lineStart, offset);
  return /^[ \t-]*$/.test(prefix) ? prefix.replace(/-/g, ' ') : indentAt(file, offset);
}

function eolOf(file: SourceFile): string {
  return file.text.includes('\r\n') ? '\r\n' : '\n';
}

/** The end of the line holding an offset (before its newline). */
function lineEnd(file: SourceFile, offset: number): number {
  const nl = file.text.indexOf('\n', offset);
  const end = nl === -1 ? file.text.length : nl;
  return file.text[end - 1] === '\r' ? end - 1 : end;
}

/**
 * Add `key: value` lines to a map. Block maps get new lines at the indentation of their
 * first key, after the map's last line; flow maps get `, key: value` before the `}`.
 */
export function addToMap(file: SourceFile, map: YMap, entries: [string, string | number][]): TextEditSpec {
  const [start, end] = map.span;
  const text = file.text.slice(start, end);
  if (text.startsWith('{')) {
    const close = start + text.lastIndexOf('}');
    const sep = map.pairs.size > 0 ? ', ' : '';
    return { file, span: [close, close], newText: sep + entries.map(([k, v]) => `${k}: ${yamlScalar(v)}`).join(', ') };
  }
  const firstKey = map.pairs.values().next().value?.keySpan[0] ?? start;
  const indent = keyIndent(file, firstKey);
  // The map's span may end after trailing newlines/comments: stop at its last non-blank text.
  let last = end;
  while (last > start && /\s/.test(file.text[last - 1] ?? '')) last--;
  const at = lineEnd(file, Math.max(start, last - 1));
  const eol = eolOf(file);
  return { file, span: [at, at], newText: entries.map(([k, v]) => `${eol}${indent}${k}: ${yamlScalar(v)}`).join('') };
}

/**
 * Add `key:` with a nested map under a parent block map (e.g. `labels:` under
 * `metadata:`), indented two spaces more than the parent's keys.
 */
export function addNestedMap(file: SourceFile, parent: YMap, key: string, entries: [string, string | number][]): TextEditSpec {
  const base = addToMap(file, parent, [[key, '']]);
  const firstKey = parent.pairs.values().next().value?.keySpan[0] ?? parent.span[0];
  const indent = keyIndent(file, firstKey) + '  ';
  const eol = eolOf(file);
  return {
    ...base,
    newText: base.newText.replace(/: ""$|: $/, ':') + entries.map(([k, v]) => `${eol}${indent}${k}: ${yamlScalar(v)}`).join(''),
  };
}

/** Delete the whole line(s) of a `key: value` pair (e.g. remove `nodePort: 30080`). */
export function deleteLines(file: SourceFile, from: number, to: number): TextEditSpec {
  const lineStart = file.text.lastIndexOf('\n', from - 1) + 1;
  const nl = file.text.indexOf('\n', to);
  return { file, span: [lineStart, nl === -1 ? file.text.length : nl + 1], newText: '' };
}
