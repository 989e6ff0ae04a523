/**
 * Printing built objects as `kubectl kustomize` does: each object through JSON and back to
 * YAML (go-yaml v2's style: keys sorted, lists not indented under their key, strings quoted
 * only when they would read as something else, multi-line strings as literal blocks),
 * documents separated by `---`. With `provenance`, a `# source: path:line` comment
 * follows each line whose value came from somewhere other than its object's first file.
 */
import type { BuiltObject, BNode, Src } from './types';

export interface EmitOptions {
  /** `path:line` of a source place, for provenance comments (none when absent, or when it returns undefined). */
  where?: (src: Src) => string | undefined;
}

/** go-yaml v2's key order: letters by code point, runs of digits by value, other characters before letters. */
function keyLess(a: string, b: string): number {
  const isLetter = (c: string): boolean => /\p{L}/u.test(c);
  const isDigit = (c: string): boolean => c >= '0' && c <= '9';
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]! ? -1 : 1;
    if (al || bl) return bl ? -1 : 1;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return ar[i]! < br[i]! ? -1 : 1;
  }
  return ar.length - br.length;
}

const yaml11Special =
  /^(?:~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|<<)$/;

/** Would go-yaml v2 read this plain text as something other than a string? */
function resolvesToNonString(s: string): boolean {
  if (s === '' || yaml11Special.test(s)) return true;
  const t = s.replace(/_/g, '');
  if (/^[-+]?(?:0b[01]+|0x[0-9a-fA-F]+|0o?[0-7]+|[0-9]+)$/.test(t)) return true;
  if (/^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/.test(t)) return true;
  if (/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s)) return true;
  if (/^\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?$/.test(s)) return true;
  return false;
}

function printable(s: string): boolean {
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ud800-\udfff\ufeff\ufffe\uffff\t]/.test(s);
}

function plainAllowed(s: string): boolean {
  if (s === '' || /^\s|\s$/.test(s) || s.startsWith('---') || s.startsWith('...')) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) && !(/^[-?:]/.test(s) && s.length > 1 && !/^[-?:][ \t]/.test(s))) return false;
  if (/: |:$| #/.test(s) || s.includes('\n')) return false;
  return true;
}

const escapes: Record<number, string> = {
  0: '0',
  7: 'a',
  8: 'b',
  9: 't',
  10: 'n',
  11: 'v',
  12: 'f',
  13: 'r',
  27: 'e',
  34: '"',
  92: '\\',
  0x85: 'N',
  0x2028: 'L',
  0x2029: 'P',
};

/** A double-quoted string as go-yaml writes it, folded past column 80 when `col` is given (a backslash keeps a leading space). */
function doubleQuoted(s: string, col?: number, indent = 0): string {
  let out = '"';
  let column = (col ?? 0) + 1;
  let spaces = false;
  const chars = [...s];
  chars.forEach((ch, pos) => {
    const c = ch.codePointAt(0)!;
    const printable =
      c === 10 ||
      (c >= 0x20 && c <= 0x7e) ||
      c === 0x85 ||
      (c >= 0xa0 && c <= 0xd7ff) ||
      (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) ||
      c >= 0x10000;
    if (!printable || c === 10 || c === 0x85 || c === 0x2028 || c === 0x2029 || ch === '"' || ch === '\\') {
      const e =
        escapes[c] ??
        (c <= 0xff
          ? `x${c.toString(16).toUpperCase().padStart(2, '0')}`
          : c <= 0xffff
            ? `u${c.toString(16).toUpperCase().padStart(4, '0')}`
            : `U${c.toString(16).toUpperCase().padStart(8, '0')}`);
      out += `\\${e}`;
      column += 1 + e.length;
      spaces = false;
    } else if (ch === ' ') {
      if (col !== undefined && !spaces && column > 80 && pos !== 0 && pos !== chars.length - 1) {
        out += `\n${' '.repeat(indent)}`;
        column = indent;
        if (chars[pos + 1] === ' ') {
          out += '\\';
          column++;
        }
      } else {
        out += ch;
        column++;
      }
      spaces = true;
    } else {
      out += ch;
      column++;
      spaces = false;
    }
  });
  return `${out}"`;
}

/**
 * go-yaml's line folding of plain and single-quoted strings: past column 80, a single space
 * (not first or last) becomes a line break indented to `indent`.
 */
function fold(s: string, col: number, indent: number, quoted: boolean): string {
  let out = '';
  let column = col;
  let spaces = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === ' ') {
      const edge = quoted && (i === 0 || i === s.length - 1);
      if (!spaces && column > 80 && s[i + 1] !== ' ' && !edge) {
        out += `\n${' '.repeat(indent)}`;
        column = indent;
      } else {
        out += ch;
        column++;
      }
      spaces = true;
    } else {
      out += quoted && ch === "'" ? "''" : ch;
      column += quoted && ch === "'" ? 2 : 1;
      spaces = false;
    }
  }
  return out;
}

/**
 * A string as go-yaml v2 writes it: `indent` is the indentation of literal block lines and
 * folded continuation lines, `col` the column where the string starts (undefined: a key, never folded).
 */
export function yamlString(s: string, indent: number, col?: number): string {
  if (!printable(s)) return doubleQuoted(s, col, indent);
  if (s.includes('\n')) {
    // Literal block, unless trailing spaces on a line or a line break followed by spaces at the start forbid it.
    if (/ \n|\n $/.test(s) || s.endsWith(' ') || /^\n/.test(s)) return doubleQuoted(s, col, indent);
    const chomp = s.endsWith('\n') ? (s.endsWith('\n\n') ? '+' : '') : '-';
    const ind = s.startsWith(' ') ? '2' : '';
    const body = (chomp === '+' ? s.slice(0, -1) : chomp === '' ? s.slice(0, -1) : s).split('\n');
    const pad = ' '.repeat(indent);
    return `|${ind}${chomp}\n${body.map((l) => (l === '' ? '' : pad + l)).join('\n')}`;
  }
  if (resolvesToNonString(s)) return doubleQuoted(s, col, indent);
  if (plainAllowed(s)) return col === undefined ? s : fold(s, col, indent, false);
  return col === undefined ? `'${s.replace(/'/g, "''")}'` : `'${fold(s, col + 1, indent, true)}'`;
}

function scalarText(v: string | number | boolean | null, indent: number, col: number): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN';
  if (typeof v === 'boolean') return String(v);
  return yamlString(v, indent, col);
}

function emitNode(n: BNode, indent: number, out: string[], opts: EmitOptions): void {
  if (n.t === 'map') {
    const keys = [...n.pairs.keys()].sort(keyLess);
    for (const k of keys) {
      const p = n.pairs.get(k)!;
      const key = yamlString(k, indent);
      const v = p.value;
      if (!v || (v.t === 'scalar' && v.value === null)) {
        out.push(`${' '.repeat(indent)}${key}: null`);
      } else if (v.t === 'scalar') {
        out.push(`${' '.repeat(indent)}${key}: ${withComment(scalarText(v.value, indent + 2, indent + key.length + 2), comment(v, opts))}`);
      } else if (v.t === 'map' && v.pairs.size === 0) out.push(`${' '.repeat(indent)}${key}: {}`);
      else if (v.t === 'seq' && v.items.length === 0) out.push(`${' '.repeat(indent)}${key}: []`);
      else {
        out.push(`${' '.repeat(indent)}${key}:`);
        emitNode(v, v.t === 'seq' ? indent : indent + 2, out, opts);
      }
    }
    return;
  }
  if (n.t === 'seq') {
    for (const item of n.items) {
      const lines: string[] = [];
      if (item.t === 'scalar') lines.push(withComment(scalarText(item.value, indent + 2, indent + 2), comment(item, opts)));
      else if (item.t === 'map' && item.pairs.size === 0) lines.push('{}');
      else if (item.t === 'seq' && item.items.length === 0) lines.push('[]');
      else {
        emitNode(item, indent + 2, lines, opts);
        lines[0] = lines[0]!.slice(indent + 2);
      }
      out.push(`${' '.repeat(indent)}- ${lines[0]}`, ...lines.slice(1));
    }
    return;
  }
  out.push(`${' '.repeat(indent)}${scalarText(n.value, indent, indent)}`);
}

/** A comment goes after a scalar, or after the header of a literal block (its last line is content). */
function withComment(text: string, c: string): string {
  if (!c) return text;
  if (!text.startsWith('|')) return text + c;
  const nl = text.indexOf('\n');
  return text.slice(0, nl) + c + text.slice(nl);
}

function comment(n: BNode, opts: EmitOptions): string {
  const at = opts.where?.(n.src);
  return at === undefined ? '' : ` # source: ${at}${n.src.note ? ` (${n.src.note})` : ''}`;
}

/** One object as YAML text (ending in a newline). */
export function objectYaml(o: BuiltObject, opts: EmitOptions = {}): string {
  const out: string[] = [];
  emitNode(o.root, 0, out, opts);
  return `${out.join('\n')}\n`;
}

/** All objects, separated as `kubectl kustomize` separates them. */
export function buildYaml(objects: BuiltObject[], opts: EmitOptions = {}): string {
  return objects.map((o) => objectYaml(o, opts)).join('---\n');
}
