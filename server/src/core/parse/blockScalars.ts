/**
 * Scalar values for the fast block-YAML path (blockTree.ts), computed exactly as the `yaml`
 * package computes them (yaml 2.x, `compose/resolve-flow-scalar.js`,
 * `compose/resolve-block-scalar.js` and the YAML 1.2 core schema), for the sources that path
 * accepts. Undefined means "not sure": the caller then leaves the document to `yaml`.
 */

/** A plain scalar's value under the core schema: null, booleans, integers, floats, else the string. */
export function plainValue(s: string): string | number | boolean | null {
  // The first character says which of the schema's patterns can match at all.
  switch (s[0]) {
    case undefined:
    case '~':
      return s.length <= 1 ? null : s;
    case 'n':
    case 'N':
      return s === 'null' || s === 'Null' || s === 'NULL' ? null : s;
    case 't':
    case 'T':
      return s === 'true' || s === 'True' || s === 'TRUE' ? true : s;
    case 'f':
    case 'F':
      return s === 'false' || s === 'False' || s === 'FALSE' ? false : s;
  }
  const c = s.charCodeAt(0);
  if (!((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e)) return s; // digits + - .
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s))
    return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s))
    return parseFloat(s);
  return s;
}

/**
 * A plain map key as toTree keeps it: the string of its value (`80:` is "80", `true:` is
 * "true", `0x1F:` is "31"); undefined for a null key, which toTree drops.
 */
export function plainKey(s: string): string | undefined {
  const v = plainValue(s);
  return typeof v === 'string' ? s : v === null ? undefined : String(v);
}

/** Line folding of plain and single-quoted scalars: a line break is a space, blank lines are newlines. */
export function unfold(source: string): string {
  const lines = source.split(/\r?\n/);
  if (lines.length === 1) return source;
  let res = lines[0]!.replace(/[ \t]+$/, '');
  let sep = ' ';
  for (let i = 1; i < lines.length - 1; i++) {
    const line = lines[i]!.replace(/^[ \t]+|[ \t]+$/g, '');
    if (line === '') {
      if (sep === '\n') res += sep;
      else sep = '\n';
    } else {
      res += sep + line;
      sep = ' ';
    }
  }
  return res + sep + lines[lines.length - 1]!.replace(/^[ \t]+/, '');
}

/** A single-quoted scalar's value; `source` includes the quotes. */
export function singleQuotedValue(source: string): string {
  return unfold(source.slice(1, -1)).replace(/''/g, "'");
}

const escapes: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

/** A double-quoted scalar's value; `source` includes the quotes. Undefined on a bad escape. */
export function doubleQuotedValue(source: string): string | undefined {
  // Most are one line with no escape: the text between the quotes.
  if (!source.includes('\\') && !source.includes('\n')) return source.slice(1, -1);
  // Else ordinary text is copied a run at a time (`plain`: where the current run starts).
  const parts: string[] = [];
  let plain = 1;
  const end = source.length - 1;
  for (let i = 1; i < end; ++i) {
    const ch = source[i]!;
    if (ch === ' ' || ch === '\t') {
      // Spaces before a line break are dropped; others are text.
      let j = i;
      while (source[j + 1] === ' ' || source[j + 1] === '\t') j++;
      const next = source[j + 1];
      if (next === '\n' || (next === '\r' && source[j + 2] === '\n')) {
        parts.push(source.slice(plain, i));
        plain = j + 1;
      }
      i = j;
    } else if (ch === '\r' && source[i + 1] === '\n') {
      parts.push(source.slice(plain, i));
      plain = i + 1;
    } else if (ch === '\n') {
      // A line break folds to a space; n blank lines after it to n newlines.
      parts.push(source.slice(plain, i));
      let fold = '';
      let next = source[i + 1];
      while (next === ' ' || next === '\t' || next === '\n' || (next === '\r' && source[i + 2] === '\n')) {
        if (next === '\n') fold += '\n';
        next = source[++i + 1];
      }
      parts.push(fold || ' ');
      plain = i + 1;
    } else if (ch === '\\') {
      parts.push(source.slice(plain, i));
      const next = source[++i]!;
      const code = escapes[next];
      if (code) parts.push(code);
      else if (next === '\n' || (next === '\r' && source[i + 1] === '\n')) {
        // An escaped line break joins the lines, without the next one's indentation.
        if (next === '\r') i++;
        while (source[i + 1] === ' ' || source[i + 1] === '\t') i++;
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hex = source.substr(i + 1, length);
        const cp = hex.length === length && /^[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : NaN;
        if (!(cp <= 0x10ffff)) return undefined;
        parts.push(String.fromCodePoint(cp));
        i += length;
      } else return undefined;
      plain = i + 1;
    }
  }
  parts.push(source.slice(plain, end));
  return parts.join('');
}

/** One line of a block scalar: its indentation and the text after it. */
export interface BlockLine {
  indent: number;
  text: string;
}

/**
 * A literal (`|`) or folded (`>`) block scalar's value from its lines, first content line
 * to last: `leading` blank lines before them, `indent` the content indentation, clip (keep
 * one final newline) or strip (`-`) chomping. Built as one flat string: scalars that
 * nothing reads again would otherwise stay a rope of one piece per line.
 */
export function blockScalarValue(lines: readonly BlockLine[], leading: number, indent: number, folded: boolean, strip: boolean): string {
  const parts: string[] = ['\n'.repeat(leading)];
  let sep = '';
  let moreIndented = false;
  for (const { indent: width, text } of lines) {
    const content = width > indent ? ' '.repeat(width - indent) + text : text;
    if (!folded) {
      parts.push(sep, content);
      sep = '\n';
    } else if (width > indent || text[0] === '\t') {
      // More-indented lines of a folded scalar keep their line breaks.
      if (sep === ' ') sep = '\n';
      else if (!moreIndented && sep === '\n') sep = '\n\n';
      parts.push(sep, content);
      sep = '\n';
      moreIndented = true;
    } else if (text === '') {
      if (sep === '\n') parts.push('\n');
      else sep = '\n';
    } else {
      parts.push(sep, content);
      sep = ' ';
      moreIndented = false;
    }
  }
  if (!strip) parts.push('\n');
  return parts.join('');
}
