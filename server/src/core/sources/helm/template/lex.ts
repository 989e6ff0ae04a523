/**
 * The lexer of Go's text/template (parse/lex.go), token for token: the same trim-marker rules
 * (`{{- ` and ` -}}` eat the white space next to them), comments, raw strings, char constants
 * and number syntax, as a state machine of closures over the input. The item types, keywords
 * and character classes are in items.ts. Positions are offsets into the template text; lines
 * are 1-based like Go's.
 */
import { countNewlines, goRune, isAlphaNumeric, isSpace, keywords, spaceChars, type Item, type ItemType } from './items';

export interface LexOptions {
  left?: string;
  right?: string;
  emitComment?: boolean;
  breakOK?: boolean;
  continueOK?: boolean;
}

/** Lexes a whole template; the last item is EOF or an error. */
export function lex(input: string, opts: LexOptions = {}): Item[] {
  const left = opts.left || '{{';
  const right = opts.right || '}}';
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let parenDepth = 0;
  let done = false;

  const emit = (typ: ItemType): void => {
    items.push({ typ, pos: start, val: input.slice(start, pos), line: startLine });
    start = pos;
    startLine = line;
  };
  const ignore = (): void => {
    line += countNewlines(input.slice(start, pos));
    start = pos;
    startLine = line;
  };
  const errorf = (msg: string): void => {
    items.push({ typ: 'error', pos: start, val: msg, line: startLine });
    done = true;
  };
  const next = (): string => {
    if (pos >= input.length) {
      pos = input.length + 1; // so that backup() restores eof position
      return '';
    }
    const code = input.charCodeAt(pos);
    if (code < 0xd800 || code > 0xdfff) {
      pos++;
      if (code === 10) line++;
      return input[pos - 1]!;
    }
    const c = String.fromCodePoint(input.codePointAt(pos)!);
    pos += c.length;
    return c;
  };
  const backup = (c: string): void => {
    if (c === '') {
      pos = input.length;
      return;
    }
    pos -= c.length;
    if (c === '\n') line--;
  };
  const peek = (): string => {
    if (pos >= input.length) return '';
    const code = input.charCodeAt(pos);
    if (code < 0xd800 || code > 0xdfff) return input[pos]!;
    return String.fromCodePoint(input.codePointAt(pos)!);
  };
  const accept = (valid: string): boolean => {
    const c = next();
    if (c !== '' && valid.includes(c)) return true;
    backup(c);
    return false;
  };
  const acceptRun = (valid: string): void => {
    while (accept(valid));
  };
  const hasLeftTrim = (at: number): boolean => input[at] === '-' && isSpace(input[at + 1] ?? '');
  const hasRightTrim = (at: number): boolean => isSpace(input[at] ?? '') && input[at + 1] === '-';
  const atRightDelim = (): [boolean, boolean] => {
    if (hasRightTrim(pos) && input.startsWith(right, pos + 2)) return [true, true];
    if (input.startsWith(right, pos)) return [true, false];
    return [false, false];
  };
  const atTerminator = (): boolean => {
    const r = peek();
    if (isSpace(r)) return true;
    if (r === '' || '.,|:()'.includes(r)) return true;
    return input.startsWith(right, pos);
  };
  const leftTrimLength = (at: number): number => {
    let i = at;
    while (i < input.length && spaceChars.includes(input[i]!)) i++;
    return i - at;
  };

  type State = (() => State) | null;

  const lexText = (): State => {
    const x = input.indexOf(left, pos);
    if (x >= 0) {
      pos = x;
      let trim = 0;
      if (hasLeftTrim(pos + left.length)) {
        let i = pos;
        while (i > start && spaceChars.includes(input[i - 1]!)) i--;
        trim = pos - i;
      }
      pos -= trim;
      if (pos > start) {
        line += countNewlines(input.slice(start, pos));
        emit('text');
      }
      pos += trim;
      ignore();
      return lexLeftDelim;
    }
    pos = input.length;
    if (pos > start) {
      line += countNewlines(input.slice(start, pos));
      emit('text');
    }
    emit('EOF');
    return null;
  };

  const lexLeftDelim = (): State => {
    pos += left.length;
    const trimSpace = hasLeftTrim(pos);
    const after = trimSpace ? 2 : 0;
    if (input.startsWith('/*', pos + after)) {
      pos += after;
      ignore();
      return lexComment;
    }
    emit('left delim');
    pos += after;
    ignore();
    parenDepth = 0;
    return lexInsideAction;
  };

  const lexComment = (): State => {
    pos += 2;
    const i = input.indexOf('*/', pos);
    if (i < 0) return (errorf('unclosed comment'), null);
    pos = i + 2;
    const [delim, trimSpace] = atRightDelim();
    if (!delim) return (errorf('comment ends before closing delimiter'), null);
    if (opts.emitComment) emit('comment');
    if (trimSpace) pos += 2;
    pos += right.length;
    if (trimSpace) pos += leftTrimLength(pos);
    ignore();
    return lexText;
  };

  const lexRightDelim = (): State => {
    const trimSpace = hasRightTrim(pos);
    if (trimSpace) {
      pos += 2;
      ignore();
    }
    pos += right.length;
    emit('right delim');
    if (trimSpace) {
      pos += leftTrimLength(pos);
      ignore();
    }
    return lexText;
  };

  const lexInsideAction = (): State => {
    const [delim] = atRightDelim();
    if (delim) {
      if (parenDepth === 0) return lexRightDelim;
      return (errorf('unclosed left paren'), null);
    }
    const r = next();
    if (r === '') return (errorf('unclosed action'), null);
    if (isSpace(r)) {
      backup(r);
      return lexSpace;
    }
    switch (r) {
      case '=':
        emit('=');
        return lexInsideAction;
      case ':':
        if (next() !== '=') return (errorf('expected :='), null);
        emit(':=');
        return lexInsideAction;
      case '|':
        emit('pipe');
        return lexInsideAction;
      case '"':
        return lexQuote;
      case '`':
        return lexRawQuote;
      case '$':
        return lexVariable;
      case "'":
        return lexChar;
      case '(':
        emit('(');
        parenDepth++;
        return lexInsideAction;
      case ')':
        emit(')');
        parenDepth--;
        if (parenDepth < 0) return (errorf(`unexpected right paren ${goRune(r)}`), null);
        return lexInsideAction;
    }
    if (r === '.') {
      if (pos < input.length) {
        const c = input[pos]!;
        if (c < '0' || c > '9') return lexField;
      }
    }
    if (r === '.' || r === '+' || r === '-' || (r >= '0' && r <= '9')) {
      backup(r);
      return lexNumber;
    }
    if (isAlphaNumeric(r)) {
      backup(r);
      return lexIdentifier;
    }
    const cp = r.codePointAt(0)!;
    if (cp <= 0x7f && cp >= 0x20 && cp !== 0x7f) {
      emit('char');
      return lexInsideAction;
    }
    return (errorf(`unrecognized character in action: ${goRune(r)}`), null);
  };

  const lexSpace = (): State => {
    let n = 0;
    while (isSpace(peek())) {
      next();
      n++;
    }
    if (hasRightTrim(pos - 1) && input.startsWith(right, pos - 1 + 2)) {
      backup(input[pos - 1]!);
      if (n === 1) return lexRightDelim;
    }
    emit('space');
    return lexInsideAction;
  };

  const lexIdentifier = (): State => {
    for (;;) {
      const r = next();
      if (isAlphaNumeric(r)) continue;
      backup(r);
      const word = input.slice(start, pos);
      if (!atTerminator()) return (errorf(`bad character ${goRune(r)}`), null);
      const kw = keywords[word];
      if (kw && kw !== '.') {
        if ((kw === 'break' && opts.breakOK === false) || (kw === 'continue' && opts.continueOK === false)) emit('identifier');
        else emit(kw);
      } else if (word[0] === '.') emit('field');
      else if (word === 'true' || word === 'false') emit('bool');
      else emit('identifier');
      return lexInsideAction;
    }
  };

  const lexFieldOrVariable = (typ: 'field' | 'variable'): State => {
    if (atTerminator()) {
      emit(typ === 'variable' ? 'variable' : '.');
      return lexInsideAction;
    }
    let r: string;
    for (;;) {
      r = next();
      if (!isAlphaNumeric(r)) {
        backup(r);
        break;
      }
    }
    if (!atTerminator()) return (errorf(`bad character ${goRune(r)}`), null);
    emit(typ);
    return lexInsideAction;
  };
  const lexField = (): State => lexFieldOrVariable('field');
  const lexVariable = (): State => {
    if (atTerminator()) {
      emit('variable');
      return lexInsideAction;
    }
    return lexFieldOrVariable('variable');
  };

  const lexQuoted = (q: string, kind: 'string' | 'charconst', msg: string): State => {
    for (;;) {
      let c = next();
      if (c === '\\') {
        c = next();
        if (c !== '' && c !== '\n') continue;
      }
      if (c === '' || c === '\n') return (errorf(msg), null);
      if (c === q) break;
    }
    emit(kind);
    return lexInsideAction;
  };
  const lexChar = (): State => lexQuoted("'", 'charconst', 'unterminated character constant');
  const lexQuote = (): State => lexQuoted('"', 'string', 'unterminated quoted string');
  const lexRawQuote = (): State => {
    const i = input.indexOf('`', pos);
    if (i < 0) return (errorf('unterminated raw quoted string'), null);
    line += countNewlines(input.slice(pos, i + 1));
    pos = i + 1;
    emit('raw string');
    return lexInsideAction;
  };

  const scanNumber = (): boolean => {
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    if (isAlphaNumeric(peek())) {
      next();
      return false;
    }
    return true;
  };
  const lexNumber = (): State => {
    if (!scanNumber()) return (errorf(`bad number syntax: ${goQuoteSimple(input.slice(start, pos))}`), null);
    const sign = peek();
    if (sign === '+' || sign === '-') {
      if (!scanNumber() || input[pos - 1] !== 'i') return (errorf(`bad number syntax: ${goQuoteSimple(input.slice(start, pos))}`), null);
      emit('complex');
    } else emit('number');
    return lexInsideAction;
  };

  let state: State = lexText;
  while (state && !done) state = state();
  return items;
}

function goQuoteSimple(s: string): string {
  return JSON.stringify(s);
}
