/**
 * go-yaml v2's block emitter for the trees toYaml produces (goyaml.ts): the same indent and
 * line-break decisions (write_indent), indicator spacing, scalar styles and folding.
 */
import type { GoValue } from '../template/value';
import { analyzeScalar, BEST_WIDTH, INDENT, resolvesNonString, yamlTreeFromGo, type Y } from './goyaml';

type Style = 'plain' | 'single' | 'double' | 'literal';

const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isPrintable = (cp: number): boolean =>
  cp === 0x0a ||
  (cp >= 0x20 && cp <= 0x7e) ||
  cp === 0x85 ||
  (cp >= 0xa0 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

class Emitter {
  out: string[] = [];
  column = 0;
  whitespace = true;
  indention = true;

  put(s: string): void {
    this.out.push(s);
    this.column += s.length;
  }
  putBreak(): void {
    this.out.push('\n');
    this.column = 0;
  }
  write(ch: string): void {
    this.out.push(ch);
    this.column++;
  }
  indicator(ind: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(ind);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }
  writeIndent(indent: number): void {
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  node(y: Y, indent: number, ctx: 'root' | 'mapvalue' | 'seqitem' | 'key', inMapping: boolean): void {
    if (y === null) return this.scalar('null', 'plain', indent, ctx);
    if (typeof y === 'boolean') return this.scalar(String(y), 'plain', indent, ctx);
    if (typeof y === 'string') return this.stringScalar(y, indent, ctx);
    if (Array.isArray(y)) {
      if (y.length === 0) {
        this.indicator('[', true, true, false);
        this.indicator(']', false, false, false);
        return;
      }
      // go-yaml: sequences inside a mapping are indentless.
      const m = indent < 0 ? 0 : inMapping && !this.indention ? indent : indent + INDENT;
      for (const item of y) {
        this.writeIndent(m);
        this.indicator('-', true, false, true);
        this.node(item, m, 'seqitem', false);
      }
      return;
    }
    if ('num' in y) return this.scalar(y.num, 'plain', indent, ctx);
    if (y.map.length === 0) {
      this.indicator('{', true, true, false);
      this.indicator('}', false, false, false);
      return;
    }
    const n = indent < 0 ? 0 : indent + INDENT;
    for (const [k, v] of y.map) {
      this.writeIndent(n);
      this.stringScalar(k, n, 'key');
      this.indicator(':', false, false, false);
      this.node(v, n, 'mapvalue', true);
    }
  }

  stringScalar(s: string, indent: number, ctx: 'root' | 'mapvalue' | 'seqitem' | 'key'): void {
    let style: Style = s.includes('\n') ? 'literal' : resolvesNonString(s) ? 'double' : 'plain';
    const a = analyzeScalar(s);
    const simpleKey = ctx === 'key';
    if (style === 'plain') {
      if (!a.blockPlain) style = 'single';
      if (s.length === 0 && simpleKey) style = 'single';
    }
    if (style === 'single' && !a.singleQuoted) style = 'double';
    if (style === 'literal' && (!a.block || simpleKey)) style = 'double';
    this.scalar(s, style, indent, ctx);
  }

  scalar(s: string, style: Style, indent: number, ctx: string): void {
    // increase_indent(flow=true): continuation lines of the scalar.
    const ind = indent < 0 ? INDENT : ctx === 'key' ? indent : indent + INDENT;
    const allowBreaks = ctx !== 'key';
    switch (style) {
      case 'plain':
        return this.plain(s, allowBreaks, ind);
      case 'single':
        return this.single(s, allowBreaks, ind);
      case 'double':
        return this.double(s, allowBreaks, ind);
      case 'literal':
        return this.literal(s, ind);
    }
  }

  plain(s: string, allowBreaks: boolean, indent: number): void {
    if (!this.whitespace) this.put(' ');
    let spaces = false;
    const chars = [...s];
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== ' ') this.writeIndent(indent);
        else this.write(c);
        spaces = true;
      } else {
        this.write(c);
        spaces = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  single(s: string, allowBreaks: boolean, indent: number): void {
    this.indicator("'", true, false, false);
    let spaces = false;
    const chars = [...s];
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1 && chars[i + 1] !== ' ')
          this.writeIndent(indent);
        else this.write(c);
        spaces = true;
      } else {
        if (c === "'") this.write("'");
        this.write(c);
        spaces = false;
      }
    }
    this.indicator("'", false, false, false);
  }

  double(s: string, allowBreaks: boolean, indent: number): void {
    this.indicator('"', true, false, false);
    let spaces = false;
    const chars = [...s];
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      const cp = c.codePointAt(0)!;
      if (!isPrintable(cp) || cp === 0xfeff || isBreak(c) || c === '"' || c === '\\') {
        this.put(escape(c, cp));
        spaces = false;
      } else if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
          this.writeIndent(indent);
          if (chars[i + 1] === ' ') this.put('\\');
        } else this.write(c);
        spaces = true;
      } else {
        this.write(c);
        spaces = false;
      }
    }
    this.indicator('"', false, false, false);
  }

  literal(s: string, indent: number): void {
    let hints = '';
    if (s[0] === ' ' || isBreak(s[0])) hints += String(INDENT);
    const last = s[s.length - 1];
    if (s.length === 0 || !isBreak(last)) hints += '-';
    else if (s.length === 1 || isBreak(s[s.length - 2])) hints += '+';
    this.indicator('|' + hints, true, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of s) {
      if (isBreak(c)) {
        this.putBreak();
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent(indent);
        this.write(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

function escape(c: string, cp: number): string {
  switch (cp) {
    case 0x00:
      return '\\0';
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x09:
      return '\\t';
    case 0x0a:
      return '\\n';
    case 0x0b:
      return '\\v';
    case 0x0c:
      return '\\f';
    case 0x0d:
      return '\\r';
    case 0x1b:
      return '\\e';
    case 0x22:
      return '\\"';
    case 0x5c:
      return '\\\\';
    case 0x85:
      return '\\N';
    case 0xa0:
      return '\\_';
    case 0x2028:
      return '\\L';
    case 0x2029:
      return '\\P';
  }
  void c;
  if (cp <= 0xff) return '\\x' + cp.toString(16).toUpperCase().padStart(2, '0');
  if (cp <= 0xffff) return '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
  return '\\U' + cp.toString(16).toUpperCase().padStart(8, '0');
}

/** yaml.Marshal(v) of sigs.k8s.io/yaml (ends with a newline, like Go's). */
export function goYamlMarshal(v: GoValue): string {
  const e = new Emitter();
  e.node(yamlTreeFromGo(v), -1, 'root', false);
  e.putBreak();
  return e.out.join('');
}
